package org.lanfree.cli.list;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.JsonNode;

/** Catalog times (ISO instants in JSON) as tables show them: local time to the second. */
public final class Times {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private Times() {
    }

    /** The time in {@code node}, or null (a "-" cell) when it is null or absent. */
    public static String show(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return SHOWN.format(Instant.parse(node.asText()));
    }
}
