package dev.wsmon.core;

/** A certificate or key file that cannot be used; the message names the file and what to fix. */
public final class TlsFileException extends Exception {

    public TlsFileException(String message) {
        super(message);
    }
}
