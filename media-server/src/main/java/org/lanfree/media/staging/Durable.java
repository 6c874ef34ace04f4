package org.lanfree.media.staging;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/** fsync for folders, and folders created durably: the steps that make a rename or a new file survive a crash. */
final class Durable {

    private Durable() {
    }

    /** fsyncs a folder, making the names created, renamed or deleted in it durable. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Creates {@code dir} and its missing parents under {@code root}, fsyncing each parent that gained a name. */
    static void createDirectories(Path root, Path dir) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir; p != null && !p.equals(root) && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path p = missing.pop();
            Files.createDirectories(p);
            syncDirectory(p.getParent());
        }
    }

    /** Whether an I/O failure means the file system is full. */
    static boolean diskFull(IOException e) {
        String m = e.getMessage();
        return m != null && (m.contains("No space left") || m.contains("Disk quota exceeded"));
    }
}
