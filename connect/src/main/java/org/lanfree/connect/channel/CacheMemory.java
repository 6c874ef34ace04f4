package org.lanfree.connect.channel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.nio.file.StandardOpenOption;

/**
 * The array's cache memory as a mapped file: a 4 KiB header, then {@code slots} slots of
 * {@code trackSize} bytes. The array creates it; hosts on the shared-memory channel map the same
 * file, so a host's copy into a slot is the only time a payload byte is written.
 *
 * <pre>
 *   header: "LFCACHE1" | u32 trackSize | u32 slots
 * </pre>
 */
public final class CacheMemory {

    public static final int HEADER_BYTES = 4096;
    private static final byte[] MAGIC = "LFCACHE1".getBytes(StandardCharsets.US_ASCII);
    /** A single mapping covers at most this many bytes (MappedByteBuffer is int-indexed). */
    private static final long MAX_MAPPING = 1L << 30;

    private final Path file;
    private final int trackSize;
    private final int slots;
    private final ByteBuffer[] slotViews;

    private CacheMemory(Path file, int trackSize, int slots, ByteBuffer[] slotViews) {
        this.file = file;
        this.trackSize = trackSize;
        this.slots = slots;
        this.slotViews = slotViews;
    }

    /**
     * Creates (or truncates) the cache file and maps it; used by the array. Only the owner and
     * its group may open it: it holds every byte in transit.
     */
    public static CacheMemory create(Path file, int trackSize, int slots) throws IOException {
        try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw----")))) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
            ch.truncate(0);
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            header.put(MAGIC).putInt(trackSize).putInt(slots).clear();
            ch.write(header, 0);
            CacheMemory memory = map(ch, file, trackSize, slots);
            return memory;
        }
    }

    /** Maps an existing cache file; used by hosts. Checks the header against what the array said. */
    public static CacheMemory open(Path file, int trackSize, int slots) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(16);
            ch.read(header, 0);
            header.flip();
            byte[] magic = new byte[MAGIC.length];
            if (header.remaining() < 16) {
                throw new IOException("cache file " + file + " is too short to hold a header");
            }
            header.get(magic);
            int t = header.getInt();
            int s = header.getInt();
            if (!java.util.Arrays.equals(magic, MAGIC) || t != trackSize || s != slots) {
                throw new IOException("cache file " + file + " has track size " + t + " and " + s
                        + " slots, but the array announced " + trackSize + " and " + slots
                        + ". HINT: another array may have reused the file; restart the host");
            }
            return map(ch, file, trackSize, slots);
        }
    }

    private static CacheMemory map(FileChannel ch, Path file, int trackSize, int slots) throws IOException {
        ByteBuffer[] views = new ByteBuffer[slots];
        int slotsPerMapping = (int) Math.max(1, MAX_MAPPING / trackSize);
        for (int first = 0; first < slots; first += slotsPerMapping) {
            int count = Math.min(slotsPerMapping, slots - first);
            long offset = HEADER_BYTES + (long) first * trackSize;
            MappedByteBuffer mapping = ch.map(FileChannel.MapMode.READ_WRITE, offset, (long) count * trackSize);
            for (int i = 0; i < count; i++) {
                views[first + i] = mapping.slice(i * trackSize, trackSize);
            }
        }
        return new CacheMemory(file, trackSize, slots, views);
    }

    /**
     * A view of one slot: position 0, limit = track size. Shared: use absolute get/put, or
     * {@link ByteBuffer#duplicate()} before changing position.
     */
    public ByteBuffer slot(int index) {
        return slotViews[index];
    }

    /** Writes every page once, so later copies do not pay for fresh memory. */
    public void prefault() {
        byte[] zeros = new byte[Math.min(trackSize, 1 << 20)];
        for (ByteBuffer slot : slotViews) {
            for (int off = 0; off < trackSize; off += zeros.length) {
                slot.put(off, zeros, 0, Math.min(zeros.length, trackSize - off));
            }
        }
    }

    public Path file() {
        return file;
    }

    public int trackSize() {
        return trackSize;
    }

    public int slots() {
        return slots;
    }
}
