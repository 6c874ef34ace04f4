package org.lanfree.media.vtl;

import java.util.Locale;

/**
 * A place in the library that holds at most one cartridge, numbered as {@code mtx status} shows
 * them: drives from 0, storage slots from 1, and the import/export slots after the last storage
 * slot. Written {@code drive 0}, {@code slot 7}, {@code ie 21}.
 */
public record Element(Type type, int number) {

    /** What kind of place it is. */
    public enum Type {
        DRIVE("drive"), SLOT("slot"), IMPORT_EXPORT("ie");

        private final String word;

        Type(String word) {
            this.word = word;
        }
    }

    public Element {
        if (type == null || number < 0) {
            throw new IllegalArgumentException("element " + type + " " + number + " is not valid; expected"
                    + " drive N, slot N or ie N with N >= 0");
        }
    }

    public static Element drive(int number) {
        return new Element(Type.DRIVE, number);
    }

    public static Element slot(int number) {
        return new Element(Type.SLOT, number);
    }

    public static Element importExport(int number) {
        return new Element(Type.IMPORT_EXPORT, number);
    }

    /** Parses {@code drive 0}, {@code slot 7} or {@code ie 21} (a dot or no space also works: {@code slot.7}). */
    public static Element valueOf(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Type type : Type.values()) {
            if (t.startsWith(type.word)) {
                String rest = t.substring(type.word.length()).replaceFirst("^[ .]", "").strip();
                try {
                    return new Element(type, Integer.parseInt(rest));
                } catch (NumberFormatException e) {
                    throw invalid(text, e);
                }
            }
        }
        throw invalid(text, null);
    }

    private static IllegalArgumentException invalid(String text, Exception cause) {
        return new IllegalArgumentException("element '" + text + "' is not valid: expected drive N, slot N"
                + " or ie N, e.g. slot 7", cause);
    }

    public boolean isDrive() {
        return type == Type.DRIVE;
    }

    /** The key of this element in {@code library.state}, e.g. {@code slot.7}. */
    String key() {
        return type.word + "." + number;
    }

    @Override
    public String toString() {
        return type.word + " " + number;
    }
}
