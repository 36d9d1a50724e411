package dev.wsmon.app.profile;

/**
 * A profile that cannot be used: unreadable, malformed, or with an invalid value. The message is one line
 * naming the file, the line and field where known, and what is allowed.
 */
public final class ProfileException extends Exception {

    public ProfileException(String message) {
        super(message);
    }

    public ProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
