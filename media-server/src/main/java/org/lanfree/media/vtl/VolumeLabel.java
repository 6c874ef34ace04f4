package org.lanfree.media.vtl;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The volume label: the cartridge's first record, an 80-byte ANSI X3.27 {@code VOL1} label.
 *
 * <pre>
 * bytes  1-4   "VOL1"
 * bytes  5-10  volume serial (the barcode's first six characters)
 * byte  11     accessibility: space (unrestricted)
 * bytes 12-24  spaces
 * bytes 25-37  implementation id "LANFREE"
 * bytes 38-51  owner: the barcode
 * bytes 52-79  spaces
 * byte  80     label standard version "4"
 * </pre>
 */
public record VolumeLabel(String volser, String owner) {

    public static final int BYTES = 80;

    public VolumeLabel {
        if (!volser.matches("[A-Z0-9]{6}")) {
            throw new IllegalArgumentException("volume serial '" + volser + "' is not 6 letters or digits");
        }
    }

    public static VolumeLabel of(Barcode barcode) {
        return new VolumeLabel(barcode.volser(), barcode.toString());
    }

    /** The label's 80 bytes, ASCII. */
    public ByteBuffer encode() {
        StringBuilder s = new StringBuilder(BYTES);
        s.append("VOL1").append(volser).append(' ');
        pad(s, 24);
        s.append("LANFREE");
        pad(s, 37);
        s.append(owner, 0, Math.min(owner.length(), 14));
        pad(s, 79);
        s.append('4');
        return ByteBuffer.wrap(s.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void pad(StringBuilder s, int length) {
        while (s.length() < length) {
            s.append(' ');
        }
    }

    /** Reads a label block; fails when the block is not an 80-byte VOL1 label. */
    public static VolumeLabel decode(ByteBuffer block) {
        if (block.remaining() != BYTES) {
            throw new IllegalArgumentException("volume label has " + block.remaining() + " bytes, expected "
                    + BYTES + "; HINT: the first record of this cartridge is not a label");
        }
        byte[] bytes = new byte[BYTES];
        block.duplicate().get(bytes);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.startsWith("VOL1")) {
            throw new IllegalArgumentException("volume label starts with '" + text.substring(0, 4)
                    + "', expected 'VOL1'; HINT: the first record of this cartridge is not a label");
        }
        return new VolumeLabel(text.substring(4, 10), text.substring(37, 51).strip());
    }

    /** The label's identifying text as the meta file shows it, e.g. {@code VOL1LF0001}. */
    @Override
    public String toString() {
        return "VOL1" + volser;
    }
}
