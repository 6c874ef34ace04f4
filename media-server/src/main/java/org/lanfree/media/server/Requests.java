package org.lanfree.media.server;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the arguments of an admin request; a wrong one is a {@code BAD_REQUEST} refusal. */
final class Requests {

    private Requests() {
    }

    /** The text field {@code field}, or null when absent or null. */
    static String optionalText(JsonNode request, String field) {
        JsonNode v = request.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new AdminException("BAD_REQUEST", "request field '" + field + "' is " + v + "; expected a string");
        }
        return v.asText();
    }

    static long number(JsonNode request, String field) {
        JsonNode v = request.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new AdminException("BAD_REQUEST", "request field '" + field + "' is " + (v == null ? "missing" : v)
                    + "; expected a whole number");
        }
        return v.asLong();
    }

    /** The whole number {@code field}, or null when absent or null. */
    static Long optionalNumber(JsonNode request, String field) {
        JsonNode v = request.get(field);
        return v == null || v.isNull() ? null : number(request, field);
    }
}
