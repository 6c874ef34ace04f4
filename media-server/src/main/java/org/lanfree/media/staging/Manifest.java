package org.lanfree.media.staging;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's append-only log of {@link ManifestRecord}s, one per line: eight hex digits of the CRC32C of
 * the record's text, a space, the text, a newline. {@link #append} returns once its records are fsynced;
 * callers appending at once share one fsync (group commit).
 *
 * <p>On opening, a torn tail (a last line without its newline, or with a wrong checksum, as a crash
 * during an unsynced write leaves it) is cut off. A bad line followed by good ones means damage before
 * the tail, which could hide acknowledged records: opening then fails rather than guess.
 */
final class Manifest implements Closeable {

    static final String FILE = "manifest";
    private static final Logger log = LoggerFactory.getLogger(Manifest.class);

    private final Path file;
    private final FileChannel channel;
    private final Object writeLock = new Object();
    private final Object syncLock = new Object();
    private long written;
    private long synced;
    private IOException broken;

    private Manifest(Path file, FileChannel channel, long end) {
        this.file = file;
        this.channel = channel;
        this.written = end;
        this.synced = end;
    }

    /** Opens (or creates) the manifest in {@code dir}, feeding every intact record to {@code replay}. */
    static Manifest open(Path dir, Consumer<ManifestRecord> replay) throws IOException {
        Path file = dir.resolve(FILE);
        boolean created = !Files.exists(file);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (created) {
                Durable.syncDirectory(dir);
            }
            long end = replay(file, Files.readAllBytes(file), replay);
            if (end < ch.size()) {
                log.warn("staging: manifest {} has a torn tail of {} bytes after byte {} (a write cut off by a"
                        + " crash, never acknowledged); cutting it off", file, ch.size() - end, end);
                ch.truncate(end);
                ch.force(true);
            }
            return new Manifest(file, ch, end);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Replays the intact records and returns the byte offset where they end. */
    private static long replay(Path file, byte[] bytes, Consumer<ManifestRecord> replay) throws StagingException {
        List<ManifestRecord> records = new ArrayList<>();
        int start = 0;
        int line = 1;
        String firstBad = null;
        long validEnd = 0;
        while (start < bytes.length) {
            int nl = indexOf(bytes, (byte) '\n', start);
            String problem;
            ManifestRecord record = null;
            if (nl < 0) {
                problem = "no newline at the end";
                nl = bytes.length - 1;
            } else {
                String text = new String(bytes, start, nl - start, StandardCharsets.UTF_8);
                problem = check(text);
                if (problem == null) {
                    try {
                        record = ManifestRecord.decode(text.substring(9));
                    } catch (IllegalArgumentException e) {
                        problem = e.getMessage();
                    }
                }
            }
            if (record != null && firstBad != null) {
                throw new StagingException(StagingException.Reason.MANIFEST_DAMAGED, "manifest " + file + " is"
                        + " damaged before its tail: " + firstBad + ", yet line " + line + " after it is intact;"
                        + " expected damage only in the last, unacknowledged lines; HINT: the disk corrupted it;"
                        + " keep a copy, compare it with the segment files and the catalog before editing it");
            }
            if (record != null) {
                records.add(record);
                validEnd = nl + 1;
            } else if (firstBad == null) {
                firstBad = "line " + line + " at byte " + start + " (" + problem + ")";
            }
            start = nl + 1;
            line++;
        }
        records.forEach(replay);
        return validEnd;
    }

    private static String check(String text) {
        if (text.length() < 10 || text.charAt(8) != ' ') {
            return "no checksum";
        }
        String crc = crc(text.substring(9));
        return crc.equals(text.substring(0, 8)) ? null : "checksum " + text.substring(0, 8) + ", computed " + crc;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static String crc(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    /** Appends the records and returns once they are durable. */
    void append(List<? extends ManifestRecord> records) throws IOException {
        StringBuilder text = new StringBuilder();
        for (ManifestRecord r : records) {
            String body = r.encode();
            text.append(crc(body)).append(' ').append(body).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        long end;
        synchronized (writeLock) {
            checkUsable();
            long before = written;
            try {
                while (bytes.hasRemaining()) {
                    written += channel.write(bytes, written);
                }
            } catch (IOException e) {
                written = before;
                cutBack(before, e);
                throw failure("write", e);
            }
            end = written;
        }
        sync(end);
    }

    private void sync(long end) throws IOException {
        synchronized (syncLock) {
            if (synced >= end) {
                return;
            }
            long target;
            synchronized (writeLock) {
                checkUsable();
                target = written;
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                synchronized (writeLock) {
                    broken = e;
                }
                throw failure("fsync", e);
            }
            synced = target;
        }
    }

    private void cutBack(long to, IOException cause) {
        try {
            channel.truncate(to);
        } catch (IOException e) {
            cause.addSuppressed(e);
            broken = cause;
        }
    }

    private StagingException failure(String what, IOException e) {
        boolean full = Durable.diskFull(e);
        return new StagingException(full ? StagingException.Reason.DISK_FULL : StagingException.Reason.CLOSED,
                "cannot " + what + " manifest " + file + ": " + e.getMessage() + "; HINT: " + (full
                        ? "free space on the pool's file system; nothing was acknowledged"
                        : "check the disk; reopen the pool to continue from its last durable record"), e);
    }

    private void checkUsable() throws StagingException {
        if (broken != null || !channel.isOpen()) {
            throw new StagingException(StagingException.Reason.CLOSED, "manifest " + file + " is "
                    + (broken != null ? "unusable after a failed write (" + broken.getMessage() + ")" : "closed")
                    + "; HINT: reopen the pool");
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (writeLock) {
            channel.close();
        }
    }
}
