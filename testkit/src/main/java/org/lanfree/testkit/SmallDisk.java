package org.lanfree.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real file system that fills up: a tmpfs of a few MiB mounted on a folder, so that writes
 * fail with ENOSPC as they do on a full disk. Mounting needs root (these machines run tests as
 * root); without it the test fails saying so rather than passing without the check.
 */
public final class SmallDisk implements AutoCloseable {

    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code mebibytes} MiB on {@code mountPoint} (created when missing). */
    public static SmallDisk mount(Path mountPoint, int mebibytes) {
        try {
            Files.createDirectories(mountPoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of("mount", "-t", "tmpfs", "-o", "size=" + mebibytes + "m,mode=0755", "lanfree-small-disk",
                mountPoint.toString()), "mount a " + mebibytes + " MiB tmpfs on " + mountPoint
                + "; HINT: the disk-full tests need root (CAP_SYS_ADMIN) to mount a small file system");
        return new SmallDisk(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /** Unmounts (lazily, so a file a dying process still holds does not keep it mounted). */
    @Override
    public void close() {
        run(List.of("umount", "-l", mountPoint.toString()), "unmount " + mountPoint);
    }

    private static void run(List<String> command, String what) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("cannot " + what + ": " + String.join(" ", command) + " said: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        }
    }
}
