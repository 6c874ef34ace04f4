package org.lanfree.media.vtl;

/** A library configuration that cannot be used: says which key, what was seen, and the fix. */
public final class LibraryConfigException extends Exception {

    private final String key;

    public LibraryConfigException(String key, String problem, String hint) {
        super(key + ": " + problem + ". HINT: " + hint);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
