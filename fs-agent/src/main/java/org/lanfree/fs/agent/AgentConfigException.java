package org.lanfree.fs.agent;

/** A bad fs-agent configuration: names the field, what is wrong and how to fix it. */
public final class AgentConfigException extends Exception {

    private final String field;

    public AgentConfigException(String field, String problem, String hint) {
        super(field + ": " + problem + ". HINT: " + hint);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
