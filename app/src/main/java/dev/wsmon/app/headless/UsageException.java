package dev.wsmon.app.headless;

/** Bad usage (exit status 2): a one-line message naming the flag or argument and the value. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
