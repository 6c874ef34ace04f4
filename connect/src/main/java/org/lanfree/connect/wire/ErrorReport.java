package org.lanfree.connect.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The payload of an ERROR frame.
 *
 * <pre>
 * error = code:u16 detail:str
 * </pre>
 *
 * A code this side does not know arrives as {@link ErrorCode#INTERNAL} with the number in the
 * detail. Details longer than {@link #MAX_DETAIL_BYTES} are cut.
 */
public record ErrorReport(ErrorCode code, String detail) {

    /** Longest detail sent, in UTF-8 bytes. */
    public static final int MAX_DETAIL_BYTES = 4096;

    public ErrorReport {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }

    public void encode(ByteBuffer out) {
        out.putShort((short) code.wireValue());
        WireBuffers.putString(out, cut(detail));
    }

    public static ErrorReport decode(ByteBuffer in) throws WireException {
        int number = WireBuffers.getU16(in, "ERROR code");
        String detail = WireBuffers.getString(in, "ERROR detail");
        WireBuffers.requireEnd(in, "ERROR frame");
        return ErrorCode.ofWireValue(number)
                .map(code -> new ErrorReport(code, detail))
                .orElseGet(() -> new ErrorReport(ErrorCode.INTERNAL,
                        "error code " + number + " (unknown to this side): " + detail));
    }

    private static String cut(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_DETAIL_BYTES) {
            return text;
        }
        int end = MAX_DETAIL_BYTES;
        while ((bytes[end] & 0xc0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
