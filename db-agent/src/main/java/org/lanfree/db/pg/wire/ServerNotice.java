package org.lanfree.db.pg.wire;

import java.util.Map;

/**
 * The fields of an ErrorResponse or NoticeResponse, by their protocol codes: {@code S}/{@code V}
 * severity, {@code C} SQLSTATE, {@code M} message, {@code D} detail, {@code H} hint.
 */
public record ServerNotice(Map<Character, String> fields) {

    public ServerNotice {
        fields = Map.copyOf(fields);
    }

    /** The untranslated severity (ERROR, FATAL, PANIC, WARNING, NOTICE, ...). */
    public String severity() {
        String v = fields.get('V');
        return v != null ? v : fields.getOrDefault('S', "ERROR");
    }

    public String sqlState() {
        return fields.getOrDefault('C', "XX000");
    }

    public String message() {
        return fields.getOrDefault('M', "");
    }

    public String detail() {
        return fields.get('D');
    }

    public String hint() {
        return fields.get('H');
    }

    /** "FATAL 28P01: password authentication failed for user "x" (DETAIL: ...) (HINT: ...)". */
    public String describe() {
        StringBuilder sb = new StringBuilder(severity()).append(' ').append(sqlState()).append(": ").append(message());
        if (detail() != null) {
            sb.append(" (DETAIL: ").append(detail()).append(')');
        }
        if (hint() != null) {
            sb.append(" (server HINT: ").append(hint()).append(')');
        }
        return sb.toString();
    }
}
