package org.lanfree.cli.deploy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.lanfree.cli.console.CommandFailure;

/**
 * An exclusive lock on {@code run/deploy.lock}, held while {@code up} or {@code down} changes the
 * deployment, so two of them on one home take turns instead of starting a daemon twice.
 */
final class HomeLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, waiting while another up or down holds it. */
    static HomeLock acquire(Home home) {
        Path file = home.runDir().resolve("deploy.lock");
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new HomeLock(channel, channel.lock());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw CommandFailure.failed("cannot lock " + file + ": " + e.getMessage()
                    + ". HINT: check that " + home + " is writable", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing the channel releases the lock in any case; nothing is left to undo.
        }
    }
}
