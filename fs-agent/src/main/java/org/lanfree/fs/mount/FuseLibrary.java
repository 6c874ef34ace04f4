package org.lanfree.fs.mount;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds what a FUSE mount needs: libfuse3 (Debian's {@code fuse3} package ships only
 * {@code libfuse3.so.3}, which {@code System.loadLibrary} does not find), the {@code /dev/fuse}
 * device and {@code fusermount3}.
 */
public final class FuseLibrary {

    static final String INSTALL = "HINT: install libfuse3 and fusermount3 (Debian, Ubuntu: 'apt-get install fuse3';"
            + " Fedora: 'dnf install fuse3'), and in a container give it the device (docker run --device /dev/fuse"
            + " --cap-add SYS_ADMIN)";

    private static final List<String> DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
            "/usr/lib64", "/lib64", "/usr/lib", "/usr/local/lib");

    private FuseLibrary() {
    }

    /** The path of libfuse3, after checking the device and {@code fusermount3}. */
    public static Path check() throws FuseUnavailableException {
        Path library = null;
        for (String dir : DIRS) {
            for (String name : List.of("libfuse3.so.3", "libfuse3.so")) {
                Path p = Path.of(dir, name);
                if (library == null && Files.isReadable(p)) {
                    library = p;
                }
            }
        }
        if (library == null) {
            throw new FuseUnavailableException("libfuse3 was not found (looked for libfuse3.so.3 in " + DIRS + "). "
                    + INSTALL, null);
        }
        Path device = Path.of("/dev/fuse");
        if (!Files.exists(device)) {
            throw new FuseUnavailableException("the FUSE device /dev/fuse does not exist (load the module with"
                    + " 'modprobe fuse'). " + INSTALL, null);
        }
        if (!Files.isReadable(device) || !Files.isWritable(device)) {
            throw new FuseUnavailableException("the FUSE device /dev/fuse is not readable and writable by this user."
                    + " HINT: add the user to the group owning /dev/fuse, or run as root", null);
        }
        if (onPath("fusermount3") == null) {
            throw new FuseUnavailableException("fusermount3 is not on the PATH (" + System.getenv("PATH") + "). "
                    + INSTALL, null);
        }
        return library;
    }

    /** The executable {@code name} found on the PATH, or null. */
    public static Path onPath(String name) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
