package org.lanfree.media.vtl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The human-readable header at the start of every tape file lanfree writes: ASCII
 * {@code key: value} lines naming the backup and this section, a line {@code end-of-header}, a
 * recovery note, then newlines up to a whole number of blocks. {@code dd
 * if=data iflag=skip_bytes skip=OFFSET bs=4K count=1 | head -40} shows it.
 *
 * <pre>
 * LANFREE TAPE FILE HEADER
 * version: 1
 * backup-id: 42
 * client: db01
 * kind: fs
 * level: full
 * created: 2025-06-01T12:00:00Z
 * compression: zstd              (or none: a plain tar)
 * block-size: 262144
 * section: 1
 * continues-from: none           (or LF0001L8 file 3: where the previous section is)
 * cartridge: LF0001L8
 * tape-file: 2
 * header-blocks: 1
 * header-bytes: 262144
 * payload-offset: 262224         (byte of the data file where the payload starts)
 * end-of-header
 * </pre>
 */
public record TapeFileHeader(BackupInfo backup, int blockSize, int section, String continuesFrom,
        Barcode cartridge, int tapeFile, int headerBlocks, long payloadOffset) {

    static final String MAGIC = "LANFREE TAPE FILE HEADER";
    static final String END = "end-of-header";
    /** The longest header text a reader looks through for its end. */
    static final int MAX_TEXT = 1 << 20;

    /**
     * The header for a tape file that starts at data-file byte {@code fileOffset}, its block count
     * (and so the payload offset) fitted to its text.
     */
    public static TapeFileHeader fitted(BackupInfo backup, int blockSize, int section, String continuesFrom,
            Barcode cartridge, int tapeFile, long fileOffset) {
        int blocks = 1;
        while (true) {
            TapeFileHeader h = new TapeFileHeader(backup, blockSize, section, continuesFrom, cartridge, tapeFile,
                    blocks, fileOffset + (long) blocks * blockSize);
            int need = (h.text().length() + blockSize - 1) / blockSize;
            if (need <= blocks) {
                return h;
            }
            blocks = need;
        }
    }

    public long headerBytes() {
        return (long) headerBlocks * blockSize;
    }

    /** The header's text, before padding. */
    public String text() {
        BackupInfo b = backup;
        String unpack = "none".equals(b.compression()) ? "" : " | " + b.compression() + " -d";
        return MAGIC + "\n"
                + "version: 1\n"
                + "backup-id: " + b.backupId() + "\n"
                + "client: " + b.client() + "\n"
                + "kind: " + b.kind() + "\n"
                + "level: " + b.level() + "\n"
                + "created: " + b.created() + "\n"
                + "compression: " + b.compression() + "\n"
                + "block-size: " + blockSize + "\n"
                + "section: " + section + "\n"
                + "continues-from: " + continuesFrom + "\n"
                + "cartridge: " + cartridge + "\n"
                + "tape-file: " + tapeFile + "\n"
                + "header-blocks: " + headerBlocks + "\n"
                + "header-bytes: " + headerBytes() + "\n"
                + "payload-offset: " + payloadOffset + "\n"
                + END + "\n"
                + "\n"
                + "This tape file holds section " + section + " of backup " + b.backupId() + " of " + b.client()
                + ". Its payload is a tar archive" + ("none".equals(b.compression()) ? "" : " compressed with "
                + b.compression()) + ",\nfrom byte " + payloadOffset + " of this cartridge's data file to the"
                + " end of tape file " + tapeFile + ".\n"
                + "To recover it without lanfree, go to the folder cartridges/" + cartridge + " of the library,\n"
                + "read OFFSET = file." + tapeFile + ".offset and BYTES = file." + tapeFile + ".bytes from its"
                + " meta file, then:\n"
                + "  dd if=data iflag=skip_bytes,count_bytes bs=" + blockSize + " skip=" + payloadOffset
                + " count=$((OFFSET + BYTES - " + payloadOffset + "))" + unpack + " | tar -xf -\n"
                + "A backup in several sections: concatenate the payloads of sections 1, 2, ... in order (each\n"
                + "header names its section and the cartridge before it) and unpack the whole. See README.txt\n"
                + "in the library folder.\n";
    }

    /** The header as whole blocks: the text, then newlines to the end of the last block. */
    public ByteBuffer encode() {
        byte[] text = text().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer blocks = ByteBuffer.allocate((int) headerBytes());
        blocks.put(text);
        while (blocks.hasRemaining()) {
            blocks.put((byte) '\n');
        }
        return blocks.flip();
    }

    /**
     * Parses a header from its first bytes (up to and including the {@code end-of-header} line);
     * fails naming what is wrong when they are not one.
     */
    public static TapeFileHeader decode(ByteBuffer start) {
        byte[] bytes = new byte[Math.min(start.remaining(), MAX_TEXT)];
        start.duplicate().get(bytes);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.startsWith(MAGIC + "\n")) {
            throw new IllegalArgumentException("block does not start with '" + MAGIC + "': not a lanfree tape"
                    + " file header");
        }
        int end = text.indexOf("\n" + END + "\n");
        if (end < 0) {
            throw new IllegalArgumentException("tape file header has no '" + END + "' line in its first "
                    + bytes.length + " bytes");
        }
        Map<String, String> v = new HashMap<>();
        for (String line : text.substring(MAGIC.length() + 1, end).split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                v.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        try {
            BackupInfo backup = new BackupInfo(field(v, "backup-id"), field(v, "client"), field(v, "kind"),
                    field(v, "level"), Instant.parse(field(v, "created")), field(v, "compression"));
            return new TapeFileHeader(backup, Integer.parseInt(field(v, "block-size")),
                    Integer.parseInt(field(v, "section")), field(v, "continues-from"),
                    Barcode.valueOf(field(v, "cartridge")), Integer.parseInt(field(v, "tape-file")),
                    Integer.parseInt(field(v, "header-blocks")), Long.parseLong(field(v, "payload-offset")));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("tape file header has a bad value: " + e.getMessage(), e);
        }
    }

    private static String field(Map<String, String> v, String key) {
        String value = v.get(key);
        if (value == null) {
            throw new IllegalArgumentException("tape file header has no '" + key + ":' line");
        }
        return value;
    }
}
