package org.lanfree.media.catalog;

/** A named group of cartridges (or, for {@link Kind#DISK}, a staging area on a media server). */
public record Pool(String name, Kind kind, String description) {

    /** {@code scratch} is the one pool of empty cartridges; policies name tape or disk pools. */
    public enum Kind {
        SCRATCH,
        TAPE,
        DISK
    }

    /** The pool every empty cartridge belongs to. */
    public static final String SCRATCH = "scratch";
}
