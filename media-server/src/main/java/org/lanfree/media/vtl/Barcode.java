package org.lanfree.media.vtl;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A cartridge's barcode as a tape library reads it: a six-character volume serial (upper-case
 * letters and digits) followed by the two-character LTO media type, e.g. {@code LF0001L8}.
 * Accepted media types: {@code L1}–{@code L9}, the WORM types {@code LT}–{@code LZ}, and {@code M8}.
 */
public final class Barcode implements Comparable<Barcode> {

    private static final Pattern FORM = Pattern.compile("[A-Z0-9]{6}(L[1-9T-Z]|M8)");

    private final String text;

    private Barcode(String text) {
        this.text = text;
    }

    /** Parses a barcode; lower case is accepted and upper-cased, as a reader would report it. */
    public static Barcode valueOf(String text) {
        if (text == null) {
            throw new IllegalArgumentException("barcode is missing: expected 6 letters or digits and an"
                    + " LTO media type, e.g. LF0001L8. HINT: give the barcode printed on the cartridge");
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (!FORM.matcher(t).matches()) {
            throw new IllegalArgumentException("barcode '" + text + "' is not valid: expected 6 letters or"
                    + " digits followed by an LTO media type (L1-L9, LT-LZ or M8), e.g. LF0001L8. HINT: "
                    + problem(t));
        }
        return new Barcode(t);
    }

    private static String problem(String t) {
        if (t.length() != 8) {
            return "it has " + t.length() + " characters, a barcode has 8";
        }
        if (!t.substring(0, 6).matches("[A-Z0-9]{6}")) {
            return "the volume serial '" + t.substring(0, 6) + "' may hold only A-Z and 0-9";
        }
        return "the media type '" + t.substring(6) + "' is not an LTO type";
    }

    /** The six-character volume serial, as written in the volume label. */
    public String volser() {
        return text.substring(0, 6);
    }

    /** The LTO media type, e.g. {@code L8}. */
    public String mediaType() {
        return text.substring(6);
    }

    /**
     * The barcode whose volume serial's trailing number is one higher ({@code LF0009L8} →
     * {@code LF0010L8}), as consecutive labels on a new box of cartridges.
     */
    public Barcode next() {
        String volser = volser();
        int digits = 0;
        while (digits < 6 && Character.isDigit(volser.charAt(5 - digits))) {
            digits++;
        }
        if (digits == 0) {
            throw new IllegalArgumentException("barcode " + text + " has no trailing number to count up from;"
                    + " HINT: start the sequence from a barcode such as LF0001L8");
        }
        String prefix = volser.substring(0, 6 - digits);
        long number = Long.parseLong(volser.substring(6 - digits)) + 1;
        String counted = String.format(Locale.ROOT, "%0" + digits + "d", number);
        if (counted.length() > digits) {
            throw new IllegalArgumentException("barcode " + text + " is the last of its sequence: "
                    + prefix + "9... has no successor in " + digits + " digits; HINT: use another prefix");
        }
        return new Barcode(prefix + counted + mediaType());
    }

    @Override
    public int compareTo(Barcode other) {
        return text.compareTo(other.text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Barcode b && b.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
