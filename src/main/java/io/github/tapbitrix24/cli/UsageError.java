package io.github.tapbitrix24.cli;

/** The user asked for something that cannot work (bad flag combination, unreadable file): exit 2. */
public class UsageError extends RuntimeException {
    public UsageError(String message) {
        super(message);
    }
}
