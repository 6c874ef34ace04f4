package org.lanfree.fs.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.Xattr;

/**
 * Writes members as pax tar: for each, a pax extended header ({@code typeflag x}) when ustar's
 * fields cannot hold a value exactly, then the ustar header, then the data padded to a block.
 * Paths and link targets longer than 100 bytes or not printable ASCII go in {@code path} and
 * {@code linkpath} records (with {@code hdrcharset=BINARY} when not UTF-8); times with
 * nanoseconds in {@code mtime}; large ids and sizes in {@code uid}, {@code gid}, {@code size};
 * xattrs as {@code SCHILY.xattr.NAME}; sparse files as GNU sparse 1.0. Not thread-safe; the caller
 * buffers the stream.
 *
 * <pre>
 * archive := member* zero-block zero-block
 * member  := [pax-header pax-records] ustar-header [sparse-map] data padding
 * </pre>
 */
public final class PaxWriter implements AutoCloseable {

    private static final byte[] ZEROS = new byte[64 * 1024];
    private static final long MAX_SIZE_FIELD = 077777777777L;
    private static final long MAX_ID_FIELD = 07777777L;

    private final OutputStream out;
    private long position;
    private ArchiveEntry current;
    private long remaining;
    private long written;
    private boolean finished;

    public PaxWriter(OutputStream out) {
        this.out = out;
    }

    /** Bytes written so far: the archive offset the next member's first header will have. */
    public long position() {
        return position;
    }

    /** Starts a member; a file's data follows through {@link #write} before the next member. */
    public void begin(ArchiveEntry e) throws IOException {
        begin(e, false);
    }

    /**
     * Starts a member; {@code trailer} marks one of the archive's own {@code .lanfree/} members
     * with the record {@code LANFREE.trailer=1}.
     */
    public void begin(ArchiveEntry e, boolean trailer) throws IOException {
        if (current != null) {
            throw new IllegalStateException("member " + current.path() + " still expects " + remaining + " bytes of data");
        }
        PaxRecords pax = new PaxRecords();
        boolean binary = false;
        ByteString name = archivePath(e.path(), e.type());
        if (e.sparse() == null && needsRecord(name)) {
            pax.add("path", name);
            binary |= !name.isValidUtf8();
        }
        ByteString link = e.linkTarget();
        if (link != null && needsRecord(link)) {
            pax.add("linkpath", link);
            binary |= !link.isValidUtf8();
        }
        if (!fitsShortField(e.uname())) {
            pax.add("uname", e.uname());
            binary |= !e.uname().isValidUtf8();
        }
        if (!fitsShortField(e.gname())) {
            pax.add("gname", e.gname());
            binary |= !e.gname().isValidUtf8();
        }
        if (binary) {
            pax.add("hdrcharset", "BINARY");
        }
        if (e.mtimeNs() % 1_000_000_000L != 0 || e.mtimeNs() < 0 || e.mtimeNs() / 1_000_000_000L > MAX_SIZE_FIELD) {
            pax.add("mtime", PaxRecords.time(e.mtimeNs()));
        }
        if (e.uid() > MAX_ID_FIELD || e.uid() < 0) {
            pax.add("uid", Long.toString(e.uid()));
        }
        if (e.gid() > MAX_ID_FIELD || e.gid() < 0) {
            pax.add("gid", Long.toString(e.gid()));
        }
        if (trailer) {
            pax.add("LANFREE.trailer", "1");
        }
        if (e.type() == EntryType.SOCKET) {
            pax.add("LANFREE.filetype", "socket");
        }
        byte[] map = null;
        long stored = e.size();
        if (e.sparse() != null) {
            map = e.sparse().encode();
            stored = map.length + e.sparse().dataSize();
            pax.add("GNU.sparse.major", "1");
            pax.add("GNU.sparse.minor", "0");
            pax.add("GNU.sparse.name", name);
            pax.add("GNU.sparse.realsize", Long.toString(e.size()));
            if (!name.isValidUtf8() && !binary) {
                pax.add("hdrcharset", "BINARY");
            }
        }
        if (stored > MAX_SIZE_FIELD) {
            pax.add("size", Long.toString(stored));
        }
        for (Xattr x : e.xattrs()) {
            pax.addXattr(x.name(), x.value());
        }
        if (!pax.isEmpty()) {
            byte[] records = pax.toByteArray();
            writeHeader(headerName(ByteString.of("PaxHeaders/"), name), 'x', 0644, 0, 0, records.length, e.mtimeNs(),
                    null, ByteString.EMPTY, ByteString.EMPTY, 0, 0);
            writeRaw(records, 0, records.length);
            writeRaw(ZEROS, 0, Blocks.padding(records.length));
        }
        ByteString ustarName = e.sparse() == null ? name : headerName(ByteString.of("GNUSparseFile.0/"), name);
        writeHeader(ustarName, e.type().flag(), e.permissions(), e.uid(), e.gid(), stored, e.mtimeNs(), link,
                e.uname(), e.gname(), e.devMajor(), e.devMinor());
        current = e;
        remaining = e.storedDataSize();
        written = stored;
        if (map != null) {
            writeRaw(map, 0, map.length);
        }
        if (remaining == 0) {
            end();
        }
    }

    /** Writes data of the current member. */
    public void write(byte[] bytes, int off, int len) throws IOException {
        if (current == null || len > remaining) {
            throw new IllegalStateException("member " + (current == null ? "(none)" : current.path()) + " takes "
                    + remaining + " more bytes, got " + len);
        }
        writeRaw(bytes, off, len);
        remaining -= len;
        if (remaining == 0) {
            end();
        }
    }

    /** Fills the rest of the current member's data with zeros: for a file that shrank while it was read. */
    public void fillRemaining() throws IOException {
        while (current != null) {
            write(ZEROS, 0, (int) Math.min(remaining, ZEROS.length));
        }
    }

    /** The data bytes the current member still expects (0 when no member is open). */
    public long remaining() {
        return current == null ? 0 : remaining;
    }

    /** Ends the archive with two zero blocks. */
    public void finish() throws IOException {
        if (current != null) {
            throw new IllegalStateException("member " + current.path() + " still expects " + remaining + " bytes of data");
        }
        if (!finished) {
            writeRaw(ZEROS, 0, 2 * Blocks.SIZE);
            out.flush();
            finished = true;
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void end() throws IOException {
        writeRaw(ZEROS, 0, Blocks.padding(written));
        current = null;
    }

    /** The member name: the path, {@code ./} for the root, and a trailing {@code /} for a directory. */
    static ByteString archivePath(ByteString path, EntryType type) {
        if (path.isEmpty()) {
            return ByteString.of("./");
        }
        return type == EntryType.DIRECTORY ? path.concat(ByteString.of("/")) : path;
    }

    private static boolean needsRecord(ByteString s) {
        return s.length() > 100 || !s.isPrintableAscii();
    }

    private static boolean fitsShortField(ByteString s) {
        return s.length() < 32 && s.isPrintableAscii();
    }

    /** A ustar name for a pax or sparse header: the prefix and as much of the file name as fits, in ASCII. */
    private static ByteString headerName(ByteString prefix, ByteString archiveName) {
        ByteString name = archiveName;
        while (name.length() > 1 && name.byteAt(name.length() - 1) == '/') {
            name = name.substring(0, name.length() - 1);
        }
        byte[] fileName = name.fileName().isEmpty() ? name.toByteArray() : name.fileName().toByteArray();
        byte[] parent = name.parent().isEmpty() ? new byte[0] : name.parent().concat(ByteString.of("/")).toByteArray();
        ByteString full = ByteString.of(parent).concat(prefix).concat(ByteString.of(fileName));
        byte[] b = full.toByteArray();
        int n = Math.min(b.length, 100);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = b[i] >= 0x20 && b[i] < 0x7f ? b[i] : (byte) '_';
        }
        if (b.length > 100) {
            byte[] tail = prefix.concat(ByteString.of(fileName)).toByteArray();
            int m = Math.min(tail.length, 100);
            for (int i = 0; i < m; i++) {
                out[i] = tail[i] >= 0x20 && tail[i] < 0x7f ? tail[i] : (byte) '_';
            }
            return ByteString.of(out, 0, m);
        }
        return ByteString.of(out);
    }

    private void writeHeader(ByteString name, char type, int mode, long uid, long gid, long size, long mtimeNs,
                             ByteString link, ByteString uname, ByteString gname, int devMajor, int devMinor) throws IOException {
        byte[] h = new byte[Blocks.SIZE];
        copy(h, 0, 100, name);
        octal(h, 100, 8, mode & 07777);
        octal(h, 108, 8, uid <= MAX_ID_FIELD && uid >= 0 ? uid : 0);
        octal(h, 116, 8, gid <= MAX_ID_FIELD && gid >= 0 ? gid : 0);
        octal(h, 124, 12, Math.min(size, MAX_SIZE_FIELD));
        long seconds = Math.floorDiv(mtimeNs, 1_000_000_000L);
        octal(h, 136, 12, seconds >= 0 && seconds <= MAX_SIZE_FIELD ? seconds : 0);
        h[156] = (byte) type;
        if (link != null) {
            copy(h, 157, 100, link);
        }
        ascii(h, 257, "ustar\0");
        ascii(h, 263, "00");
        if (fitsShortField(uname)) {
            copy(h, 265, 32, uname);
        }
        if (fitsShortField(gname)) {
            copy(h, 297, 32, gname);
        }
        if (type == '3' || type == '4') {
            octal(h, 329, 8, devMajor);
            octal(h, 337, 8, devMinor);
        }
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        h[155] = ' ';
        writeRaw(h, 0, h.length);
    }

    /** Bytes of {@code s} that fit the field; a longer value is carried by a pax record. */
    private static void copy(byte[] h, int off, int width, ByteString s) {
        byte[] b = s.toByteArray();
        System.arraycopy(b, 0, h, off, Math.min(b.length, width));
    }

    /** {@code width - 1} octal digits, zero-filled, then NUL. */
    private static void octal(byte[] h, int off, int width, long value) {
        String digits = Long.toOctalString(value);
        if (digits.length() > width - 1) {
            throw new IllegalArgumentException("tar header field at " + off + " cannot hold " + value + " in "
                    + (width - 1) + " octal digits");
        }
        ascii(h, off, "0".repeat(width - 1 - digits.length()) + digits + "\0");
    }

    private static void ascii(byte[] h, int off, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    private void writeRaw(byte[] bytes, int off, int len) throws IOException {
        out.write(bytes, off, len);
        position += len;
    }
}
