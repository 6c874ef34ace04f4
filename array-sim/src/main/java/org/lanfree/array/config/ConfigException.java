package org.lanfree.array.config;

/** A configuration that cannot start the array: says which field, what was seen, and the fix. */
public final class ConfigException extends Exception {

    private final String field;

    public ConfigException(String field, String problem, String hint) {
        super(field + ": " + problem + ". HINT: " + hint);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
