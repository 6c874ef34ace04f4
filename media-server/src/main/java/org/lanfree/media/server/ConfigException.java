package org.lanfree.media.server;

/** A media server configuration that cannot be used: names the field, what was seen, and the fix. */
public final class ConfigException extends Exception {

    private final String field;

    public ConfigException(String field, String problem, String hint) {
        this(field, field + ": " + problem + ". HINT: " + hint);
    }

    private ConfigException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** An error another reader already worded as {@code field: problem. HINT: fix}. */
    static ConfigException worded(String field, String message) {
        return new ConfigException(field, message);
    }

    /** The configuration key at fault. */
    public String field() {
        return field;
    }
}
