package org.lanfree.cli.h2;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.lanfree.cli.console.CommandFailure;

/**
 * Where a restore writes: the database path H2 URLs use ({@code /data/app} for
 * {@code jdbc:h2:/data/app}), its {@code .mv.db} file, and the part file the bytes go to until
 * they are complete and checked.
 */
record RestoreTarget(Path base) {

    static final String SUFFIX = ".mv.db";

    /** {@code /data/app} or {@code /data/app.mv.db}. */
    static RestoreTarget of(Path given) {
        String name = given.getFileName() == null ? "" : given.getFileName().toString();
        if (name.endsWith(SUFFIX)) {
            name = name.substring(0, name.length() - SUFFIX.length());
        }
        if (name.isEmpty()) {
            throw CommandFailure.usage("--target " + given + " names no database; write e.g. --target /data/app"
                    + " (the restore writes /data/app.mv.db)");
        }
        return new RestoreTarget(given.toAbsolutePath().resolveSibling(name));
    }

    Path file() {
        return base.resolveSibling(base.getFileName() + SUFFIX);
    }

    Path part() {
        return base.resolveSibling("." + base.getFileName() + SUFFIX + ".lanfree-restore");
    }

    String url() {
        return "jdbc:h2:" + base;
    }

    /** Refuses an existing database unless {@code force}, and always one that some process has open. */
    void checkWritable(boolean force) {
        Path file = file();
        if (!Files.exists(file)) {
            if (!Files.isDirectory(base.getParent())) {
                throw CommandFailure.failed("the target's folder " + base.getParent() + " does not exist. HINT:"
                        + " create it first");
            }
            return;
        }
        if (!force) {
            throw CommandFailure.failed("the target " + file + " exists; a restore does not overwrite a database."
                    + " HINT: choose another --target, or add --force to replace it (it must not be open)");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            if (lock == null) {
                throw inUse(file);
            }
        } catch (OverlappingFileLockException e) {
            throw inUse(file);
        } catch (IOException e) {
            throw CommandFailure.failed("cannot check whether " + file + " is in use: " + e.getMessage(), e);
        }
    }

    private static CommandFailure inUse(Path file) {
        return CommandFailure.failed("the target " + file + " is open in a running database; --force replaces only"
                + " a closed one. HINT: close that database (SHUTDOWN) first, or restore elsewhere");
    }
}
