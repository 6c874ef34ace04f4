package org.lanfree.cli.console;

/**
 * Ends a command: the message is printed as one block (no stack trace) and the process exits
 * with {@link #exitCode()}. The message says what failed, what was seen, and a hint.
 */
public final class CommandFailure extends RuntimeException {

    /** The command ran and did not achieve its goal; retrying after fixing the cause may help. */
    public static final int FAILED = 1;
    /** The command line or a configuration file is wrong; retrying unchanged cannot help. */
    public static final int USAGE = 2;

    private final int exitCode;

    private CommandFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static CommandFailure failed(String message) {
        return new CommandFailure(FAILED, message, null);
    }

    public static CommandFailure failed(String message, Throwable cause) {
        return new CommandFailure(FAILED, message, cause);
    }

    public static CommandFailure usage(String message) {
        return new CommandFailure(USAGE, message, null);
    }

    public int exitCode() {
        return exitCode;
    }
}
