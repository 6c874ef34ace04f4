package org.lanfree.fs.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.Xattr;

/**
 * Reads a tar stream member by member: ustar headers with pax extended ({@code x}) and global
 * ({@code g}) headers, GNU long names ({@code L}, {@code K}), base-256 numbers, GNU sparse 1.0
 * and the xattr and socket records {@link PaxWriter} writes. {@link #next()} skips what the caller
 * did not read of the member before. Reads in whole blocks with a fixed buffer.
 */
public final class PaxReader {

    private final InputStream in;
    private final byte[] header = new byte[Blocks.SIZE];
    private final Map<String, byte[]> global = new HashMap<>();
    private long position;
    private long remaining;
    private long padding;
    private boolean trailer;

    public PaxReader(InputStream in) {
        this.in = in;
    }

    /** Archive offset of the next byte to be read. */
    public long position() {
        return position;
    }

    /** The next member, or null at the end of the archive. */
    public ArchiveEntry next() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
        Map<String, byte[]> local = new HashMap<>(global);
        ByteString longName = null;
        ByteString longLink = null;
        while (true) {
            long headerAt = position;
            if (!readBlock(true)) {
                return null;
            }
            if (isZero(header)) {
                readBlock(true);
                return null;
            }
            checkChecksum(headerAt);
            byte flag = header[156];
            long size = number(124, 12, headerAt);
            if (flag == 'x' || flag == 'g') {
                Map<String, byte[]> records = parseRecords(readPayload(size, headerAt), headerAt);
                (flag == 'x' ? local : global).putAll(records);
                if (flag == 'g') {
                    local.putAll(records);
                }
                continue;
            }
            if (flag == 'L' || flag == 'K') {
                ByteString text = trimNul(readPayload(size, headerAt));
                if (flag == 'L') {
                    longName = text;
                } else {
                    longLink = text;
                }
                continue;
            }
            return entry(flag, size, local, longName, longLink, headerAt);
        }
    }

    /** True when the last member returned is one of the archive's own {@code .lanfree/} members, not part of the tree. */
    public boolean isTrailer() {
        return trailer;
    }

    /** Reads data of the current member (after its sparse map); -1 at its end. */
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new ArchiveFormatException("archive ends inside a member's data at offset " + position + ", "
                    + remaining + " bytes short; HINT: the stream was cut, check the tape file's length");
        }
        remaining -= n;
        position += n;
        return n;
    }

    private ArchiveEntry entry(byte flag, long size, Map<String, byte[]> pax, ByteString longName, ByteString longLink,
                               long headerAt) throws IOException {
        ByteString name = field(0, 100);
        ByteString prefix = field(345, 155);
        if (!prefix.isEmpty() && header[257] == 'u' && !(header[263] == ' ')) {
            name = prefix.concat(ByteString.of("/")).concat(name);
        }
        if (longName != null) {
            name = longName;
        }
        if (pax.containsKey("path")) {
            name = ByteString.of(pax.get("path"));
        }
        ByteString link = field(157, 100);
        if (longLink != null) {
            link = longLink;
        }
        if (pax.containsKey("linkpath")) {
            link = ByteString.of(pax.get("linkpath"));
        }
        if (pax.containsKey("size")) {
            size = decimal(pax, "size", headerAt);
        }
        long uid = pax.containsKey("uid") ? decimal(pax, "uid", headerAt) : number(108, 8, headerAt);
        long gid = pax.containsKey("gid") ? decimal(pax, "gid", headerAt) : number(116, 8, headerAt);
        long mtime = pax.containsKey("mtime") ? time(pax, headerAt) : number(136, 12, headerAt) * 1_000_000_000L;
        ByteString uname = pax.containsKey("uname") ? ByteString.of(pax.get("uname")) : field(265, 32);
        ByteString gname = pax.containsKey("gname") ? ByteString.of(pax.get("gname")) : field(297, 32);
        int mode = (int) number(100, 8, headerAt) & 07777;
        trailer = pax.containsKey("LANFREE.trailer");
        EntryType type = EntryType.ofFlag(flag);
        if (type == EntryType.FILE && "socket".equals(pax.containsKey("LANFREE.filetype") ? text(pax.get("LANFREE.filetype")) : "")) {
            type = EntryType.SOCKET;
        }
        if (type == EntryType.DIRECTORY || (flag == 0 && name.length() > 0 && name.byteAt(name.length() - 1) == '/')) {
            type = EntryType.DIRECTORY;
        }
        int major = 0;
        int minor = 0;
        if (type == EntryType.CHAR_DEVICE || type == EntryType.BLOCK_DEVICE) {
            major = (int) number(329, 8, headerAt);
            minor = (int) number(337, 8, headerAt);
        }
        List<Xattr> xattrs = new ArrayList<>();
        for (Map.Entry<String, byte[]> r : pax.entrySet()) {
            if (r.getKey().startsWith(PaxRecords.XATTR)) {
                xattrs.add(new Xattr(xattrName(r.getKey()), r.getValue()));
            }
        }
        xattrs.sort((a, b) -> a.name().compareTo(b.name()));
        remaining = size;
        padding = Blocks.padding(size);
        SparseMap sparse = null;
        long realSize = size;
        if (pax.containsKey("GNU.sparse.major")) {
            String version = text(pax.get("GNU.sparse.major")) + "." + text(pax.getOrDefault("GNU.sparse.minor", new byte[] {'0'}));
            if (!version.equals("1.0")) {
                throw new ArchiveFormatException("member " + name + " at offset " + headerAt + " is GNU sparse " + version
                        + ", expected 1.0; HINT: extract it with GNU tar");
            }
            if (pax.containsKey("GNU.sparse.name")) {
                name = ByteString.of(pax.get("GNU.sparse.name"));
            }
            realSize = decimal(pax, "GNU.sparse.realsize", headerAt);
            sparse = readSparseMap(realSize, name, headerAt);
            if (sparse.dataSize() != remaining) {
                throw new ArchiveFormatException("sparse member " + name + " at offset " + headerAt + " maps "
                        + sparse.dataSize() + " bytes of data but stores " + remaining);
            }
        }
        // only a regular file has data; any other member's stored bytes are skipped by next()
        boolean dataType = type == EntryType.FILE;
        ByteString path = normalize(name);
        return new ArchiveEntry(path, type, mode, uid, gid, uname, gname, mtime, dataType ? realSize : 0,
                type == EntryType.SYMLINK || type == EntryType.HARDLINK ? normalizeLink(link, type) : null, major, minor,
                xattrs, dataType ? sparse : null);
    }

    private static long decimal(Map<String, byte[]> pax, String key, long headerAt) throws ArchiveFormatException {
        String value = pax.containsKey(key) ? text(pax.get(key)) : "";
        try {
            long v = Long.parseLong(value);
            if (v < 0 && !key.endsWith("id")) {
                throw new NumberFormatException("negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ArchiveFormatException("pax record " + key + "='" + value + "' of the header at offset " + headerAt
                    + " is not a decimal number");
        }
    }

    private static long time(Map<String, byte[]> pax, long headerAt) throws ArchiveFormatException {
        String value = text(pax.get("mtime"));
        try {
            return PaxRecords.parseTime(value);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ArchiveFormatException("pax record mtime='" + value + "' of the header at offset " + headerAt
                    + " is not a time in seconds");
        }
    }

    private SparseMap readSparseMap(long realSize, ByteString name, long headerAt) throws IOException {
        long start = remaining;
        long count = readDecimal(name, headerAt);
        if (count < 0 || count > 1_000_000) {
            throw new ArchiveFormatException("sparse map of " + name + " at offset " + headerAt + " claims " + count + " regions");
        }
        long[] offsets = new long[(int) count];
        long[] lengths = new long[(int) count];
        for (int i = 0; i < count; i++) {
            offsets[i] = readDecimal(name, headerAt);
            lengths[i] = readDecimal(name, headerAt);
        }
        long used = start - remaining;
        skipData(Blocks.padding(used));
        return new SparseMap(offsets, lengths, realSize);
    }

    private long readDecimal(ByteString name, long headerAt) throws IOException {
        long value = 0;
        int digits = 0;
        byte[] one = new byte[1];
        while (true) {
            if (read(one, 0, 1) < 0) {
                throw new ArchiveFormatException("sparse map of " + name + " at offset " + headerAt + " is cut short");
            }
            if (one[0] == '\n') {
                break;
            }
            if (one[0] < '0' || one[0] > '9' || ++digits > 19) {
                throw new ArchiveFormatException("sparse map of " + name + " at offset " + headerAt
                        + " holds byte " + (one[0] & 0xff) + " where a decimal digit was expected");
            }
            value = value * 10 + (one[0] - '0');
        }
        return value;
    }

    private void skipData(long n) throws IOException {
        byte[] buf = new byte[Blocks.SIZE];
        while (n > 0) {
            int r = read(buf, 0, (int) Math.min(n, buf.length));
            if (r < 0) {
                throw new ArchiveFormatException("archive ends inside a sparse map at offset " + position);
            }
            n -= r;
        }
    }

    /** Strips {@code ./} and trailing slashes: the member's path relative to the tree's root. */
    static ByteString normalize(ByteString name) {
        int start = 0;
        int end = name.length();
        while (end > 0 && name.byteAt(end - 1) == '/') {
            end--;
        }
        while (start + 1 < end && name.byteAt(start) == '.' && name.byteAt(start + 1) == '/') {
            start += 2;
            while (start < end && name.byteAt(start) == '/') {
                start++;
            }
        }
        if (end - start == 1 && name.byteAt(start) == '.') {
            return ByteString.EMPTY;
        }
        return name.substring(start, Math.max(start, end));
    }

    private static ByteString normalizeLink(ByteString link, EntryType type) {
        return type == EntryType.HARDLINK ? normalize(link) : link;
    }

    private byte[] readPayload(long size, long headerAt) throws IOException {
        if (size > 16L << 20) {
            throw new ArchiveFormatException("extended header at offset " + headerAt + " is " + size
                    + " bytes, more than the 16 MiB this reader accepts");
        }
        byte[] data = in.readNBytes((int) size);
        position += data.length;
        if (data.length < size) {
            throw new ArchiveFormatException("archive ends inside the extended header at offset " + headerAt);
        }
        skip(Blocks.padding(size));
        return data;
    }

    /** The xattr name in a {@code SCHILY.xattr.NAME} key (read as ISO-8859-1, so its bytes are kept). */
    static ByteString xattrName(String key) {
        String encoded = key.startsWith(PaxRecords.XATTR) ? key.substring(PaxRecords.XATTR.length()) : key;
        return PaxRecords.decodeKeyword(ByteString.of(encoded.getBytes(StandardCharsets.ISO_8859_1)));
    }

    static Map<String, byte[]> parseRecords(byte[] body, long headerAt) throws ArchiveFormatException {
        Map<String, byte[]> out = new HashMap<>();
        int pos = 0;
        while (pos < body.length) {
            if (body[pos] == 0) {
                break;
            }
            int space = pos;
            int length = 0;
            while (space < body.length && body[space] != ' ') {
                if (body[space] < '0' || body[space] > '9') {
                    throw new ArchiveFormatException("pax record at " + pos + " of the header at offset " + headerAt
                            + " does not start with a decimal length");
                }
                length = length * 10 + body[space] - '0';
                space++;
            }
            int end = pos + length;
            if (space >= body.length || length <= 0 || end > body.length || body[end - 1] != '\n') {
                throw new ArchiveFormatException("pax record at " + pos + " of the header at offset " + headerAt
                        + " has a bad length " + length);
            }
            int eq = space + 1;
            while (eq < end && body[eq] != '=') {
                eq++;
            }
            String key = new String(body, space + 1, eq - space - 1, StandardCharsets.ISO_8859_1);
            byte[] value = Arrays.copyOfRange(body, Math.min(eq + 1, end - 1), end - 1);
            out.put(key, value);
            pos = end;
        }
        return out;
    }

    private boolean readBlock(boolean endAllowed) throws IOException {
        int n = in.readNBytes(header, 0, Blocks.SIZE);
        position += n;
        if (n == 0 && endAllowed) {
            return false;
        }
        if (n < Blocks.SIZE) {
            throw new ArchiveFormatException("archive ends inside a header at offset " + (position - n) + " (" + n
                    + " of 512 bytes); HINT: the stream was cut");
        }
        return true;
    }

    private void checkChecksum(long headerAt) throws ArchiveFormatException {
        long stored = number(148, 8, headerAt);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < Blocks.SIZE; i++) {
            byte b = i >= 148 && i < 156 ? (byte) ' ' : header[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw new ArchiveFormatException("header at offset " + headerAt + " has checksum " + stored + ", computed "
                    + unsigned + "; HINT: this is not a tar archive, or it is damaged here");
        }
    }

    /** An octal field, or a GNU base-256 one (high bit of the first byte set). */
    private long number(int off, int width, long headerAt) throws ArchiveFormatException {
        if ((header[off] & 0x80) != 0) {
            long v = header[off] & 0x3f;
            for (int i = 1; i < width; i++) {
                v = (v << 8) | (header[off + i] & 0xff);
            }
            return (header[off] & 0x40) != 0 ? v - (1L << (8 * width - 2)) : v;
        }
        long v = 0;
        int i = off;
        int end = off + width;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        for (; i < end && header[i] >= '0' && header[i] <= '7'; i++) {
            v = v * 8 + header[i] - '0';
        }
        if (i < end && header[i] != 0 && header[i] != ' ') {
            throw new ArchiveFormatException("header at offset " + headerAt + " holds byte " + (header[i] & 0xff)
                    + " in the octal field at " + off);
        }
        return v;
    }

    private ByteString field(int off, int width) {
        int end = off;
        while (end < off + width && header[end] != 0) {
            end++;
        }
        return ByteString.of(header, off, end - off);
    }

    private static ByteString trimNul(byte[] b) {
        int end = b.length;
        while (end > 0 && b[end - 1] == 0) {
            end--;
        }
        return ByteString.of(b, 0, end);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII).trim();
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new ArchiveFormatException("archive ends at offset " + position + ", " + n + " bytes early");
                }
                s = 1;
            }
            n -= s;
            position += s;
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
