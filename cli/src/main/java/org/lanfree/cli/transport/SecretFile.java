package org.lanfree.cli.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.connect.auth.SharedSecret;

/**
 * A shared secret read from a file: every byte of the file is the secret (as the array reads its
 * {@code channel.secret-file}), at least {@link SharedSecret#MIN_BYTES} of them. Never printed.
 */
final class SecretFile {

    private SecretFile() {
    }

    /**
     * Reads the secret that {@code option} names; a missing, unreadable or short file is a usage
     * error naming the option, the file and what it must hold.
     */
    static SharedSecret read(String option, Path file) {
        Path absolute = file.toAbsolutePath();
        String hint = "HINT: create one with 'head -c 32 /dev/urandom > FILE; chmod 600 FILE' and give "
                + "every host that must trust the other the same file";
        if (!Files.isRegularFile(absolute)) {
            throw CommandFailure.usage(option + " " + absolute + (Files.exists(absolute)
                    ? " is not a regular file" : " does not exist") + "; expected a file holding a shared secret of "
                    + SharedSecret.MIN_BYTES + " bytes or more. " + hint);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(absolute);
        } catch (IOException e) {
            throw CommandFailure.usage(option + " " + absolute + " cannot be read (" + e.getMessage()
                    + "); expected a readable file holding a shared secret. HINT: check its permissions");
        }
        try {
            if (bytes.length < SharedSecret.MIN_BYTES) {
                throw CommandFailure.usage(option + " " + absolute + " holds " + bytes.length
                        + " bytes but a shared secret needs at least " + SharedSecret.MIN_BYTES + ". " + hint);
            }
            return SharedSecret.of(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
