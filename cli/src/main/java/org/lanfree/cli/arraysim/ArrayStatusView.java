package org.lanfree.cli.arraysim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.console.Table;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The array's status object as an operator reads it: bytes moved, a cache line, then one table
 * per list (directors, STG groups, open STP connections). Fields this view does not know
 * are still shown, as extra columns or "key: value" lines, so a newer array loses nothing.
 */
final class ArrayStatusView {

    private static final Map<String, String> TITLES = Map.of(
            "directors", "directors",
            "stgGroups", "STG groups",
            "connections", "open STP connections");
    private static final List<String> LIST_ORDER = List.of("directors", "stgGroups", "connections");
    private static final Set<String> CACHE_KNOWN =
            Set.of("slots", "trackSize", "bytes", "used", "writePending", "hitRatio", "hits", "misses");

    private ArrayStatusView() {
    }

    static String render(String address, JsonNode status) {
        StringBuilder out = new StringBuilder("array at ").append(address).append('\n');
        if (status.has("bytesMoved")) {
            long moved = status.get("bytesMoved").asLong();
            out.append("bytes moved: ").append(Bytes.format(moved)).append(" (").append(moved).append(" bytes)\n");
        }
        if (status.path("cache").isObject()) {
            out.append(cacheLine(status.get("cache"))).append('\n');
        }
        for (Map.Entry<String, JsonNode> e : status.properties()) {
            String key = e.getKey();
            if (!key.equals("bytesMoved") && !key.equals("cache") && !LIST_ORDER.contains(key)
                    && !e.getValue().isArray()) {
                out.append(key).append(": ").append(cell(key, e.getValue())).append('\n');
            }
        }
        List<String> lists = new ArrayList<>(LIST_ORDER);
        status.fieldNames().forEachRemaining(k -> {
            if (status.get(k).isArray() && !lists.contains(k)) {
                lists.add(k);
            }
        });
        for (String key : lists) {
            if (status.path(key).isArray()) {
                out.append('\n').append(TITLES.getOrDefault(key, key)).append(":\n").append(list(key, status.get(key)));
            }
        }
        return out.toString();
    }

    private static String cacheLine(JsonNode cache) {
        StringBuilder line = new StringBuilder("cache: ").append(cache.path("slots").asText("?")).append(" slots");
        if (cache.has("trackSize")) {
            line.append(" of ").append(Bytes.format(cache.get("trackSize").asLong()));
        }
        if (cache.has("bytes")) {
            line.append(" (").append(Bytes.format(cache.get("bytes").asLong())).append(')');
        }
        line.append(", ").append(cache.path("used").asText("?")).append(" used, ")
                .append(cache.path("writePending").asText("?")).append(" write-pending, hit ratio ")
                .append(ratio(cache.path("hitRatio")));
        if (cache.has("hits") && cache.has("misses")) {
            line.append(" (").append(cache.get("hits").asText()).append(" hits, ")
                    .append(cache.get("misses").asText()).append(" misses)");
        }
        cache.fieldNames().forEachRemaining(k -> {
            if (!CACHE_KNOWN.contains(k)) {
                line.append(", ").append(k).append(' ').append(cell(k, cache.get(k)));
            }
        });
        return line.toString();
    }

    private static String list(String key, JsonNode items) {
        if (items.isEmpty()) {
            return "  none\n";
        }
        List<String> columns = new ArrayList<>();
        boolean queue = key.equals("directors");
        for (JsonNode item : items) {
            item.fieldNames().forEachRemaining(f -> {
                boolean folded = queue && (f.equals("queueDepth") || f.equals("queueCapacity"));
                if (!folded && !columns.contains(f)) {
                    columns.add(f);
                }
            });
        }
        List<String> header = new ArrayList<>();
        columns.forEach(c -> header.add(heading(c)));
        if (queue) {
            header.add(Math.min(1, header.size()), "QUEUE");
        }
        Table table = new Table(header);
        for (JsonNode item : items) {
            List<Object> row = new ArrayList<>();
            columns.forEach(c -> row.add(item.has(c) ? cell(c, item.get(c)) : null));
            if (queue) {
                row.add(Math.min(1, row.size()), queue(item));
            }
            table.row(row.toArray());
        }
        return table.render().indent(2);
    }

    /** Depth over capacity; a negative capacity means the queue has no limit. */
    private static String queue(JsonNode director) {
        JsonNode capacity = director.path("queueCapacity");
        String limit = capacity.isNumber() && capacity.asLong() < 0 ? "unbounded" : capacity.asText("?");
        return director.path("queueDepth").asText("?") + "/" + limit;
    }

    /** {@code queueDepth} → {@code QUEUE-DEPTH}. */
    static String heading(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toUpperCase(Locale.ROOT);
    }

    /** One value; byte counts (fields named bytes…, …Bytes or …Size) in binary units. */
    private static String cell(String field, JsonNode v) {
        if (v.isNull()) {
            return "-";
        }
        if (v.isIntegralNumber() && isByteCount(field)) {
            return Bytes.format(v.asLong());
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(cell(field, x)));
            return parts.isEmpty() ? "-" : String.join(",", parts);
        }
        if (v.isFloatingPointNumber()) {
            return String.format(Locale.ROOT, "%.3f", v.asDouble());
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static boolean isByteCount(String field) {
        return field.startsWith("bytes") || field.endsWith("Bytes") || field.endsWith("Size");
    }

    private static String ratio(JsonNode v) {
        if (!v.isNumber()) {
            return "?";
        }
        double r = v.asDouble();
        return r <= 1.0 ? String.format(Locale.ROOT, "%.1f %%", r * 100) : String.format(Locale.ROOT, "%.3f", r);
    }
}
