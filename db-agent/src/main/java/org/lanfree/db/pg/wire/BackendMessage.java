package org.lanfree.db.pg.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One message from the server, by its type byte. */
public sealed interface BackendMessage {

    /** {@code R}: 0 ok, 3 cleartext, 5 MD5 (data: salt), 10 SASL (data: mechanisms), 11/12 SASL continue/final. */
    record Authentication(int code, byte[] data) implements BackendMessage { }

    /** {@code S}: a run-time parameter such as server_version. */
    record ParameterStatus(String name, String value) implements BackendMessage { }

    /** {@code K}: the key for cancel requests. */
    record BackendKeyData(int pid, int secret) implements BackendMessage { }

    /** {@code Z}: the server waits for the next query; status I idle, T in a transaction, E failed transaction. */
    record ReadyForQuery(char status) implements BackendMessage { }

    /** {@code T}: the column names of the rows that follow. */
    record RowDescription(List<String> columns) implements BackendMessage { }

    /** {@code D}: one row in text format; a null element is SQL NULL. */
    record DataRow(List<String> values) implements BackendMessage { }

    /** {@code C}: a command finished, e.g. "SELECT", "BASE_BACKUP". */
    record CommandComplete(String tag) implements BackendMessage { }

    /** {@code I}: the query string was empty. */
    record EmptyQueryResponse() implements BackendMessage { }

    /** {@code G}, {@code H}, {@code W}: copy in, out or both starts. */
    record CopyResponse(char kind) implements BackendMessage {
        public static final char IN = 'G';
        public static final char OUT = 'H';
        public static final char BOTH = 'W';
    }

    /**
     * {@code d}: copy payload. The buffer is a view of the reader's own array, valid only until
     * the next message is read: consume or copy it first.
     */
    record CopyData(ByteBuffer payload) implements BackendMessage { }

    /** {@code c}: the copy stream ended. */
    record CopyDone() implements BackendMessage { }

    /** {@code E}. */
    record ErrorResponse(ServerNotice notice) implements BackendMessage { }

    /** {@code N}. */
    record NoticeResponse(ServerNotice notice) implements BackendMessage { }

    /** {@code v}: the server speaks an older minor protocol version; harmless for what we use. */
    record NegotiateProtocolVersion(int newestMinor) implements BackendMessage { }

    /** Decodes one message body; {@code body} is read from its position to its limit. */
    static BackendMessage decode(char type, ByteBuffer body) {
        return switch (type) {
            case 'R' -> {
                int code = body.getInt();
                byte[] data = new byte[body.remaining()];
                body.get(data);
                yield new Authentication(code, data);
            }
            case 'S' -> new ParameterStatus(cstring(body), cstring(body));
            case 'K' -> new BackendKeyData(body.getInt(), body.remaining() >= 4 ? body.getInt() : 0);
            case 'Z' -> new ReadyForQuery((char) body.get());
            case 'T' -> {
                int n = Short.toUnsignedInt(body.getShort());
                String[] names = new String[n];
                for (int i = 0; i < n; i++) {
                    names[i] = cstring(body);
                    body.position(body.position() + 18); // table oid, column, type oid, size, modifier, format
                }
                yield new RowDescription(List.of(names));
            }
            case 'D' -> {
                int n = Short.toUnsignedInt(body.getShort());
                ArrayList<String> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    int len = body.getInt();
                    if (len < 0) {
                        values.add(null);
                    } else {
                        values.add(new String(body.array(), body.arrayOffset() + body.position(), len, StandardCharsets.UTF_8));
                        body.position(body.position() + len);
                    }
                }
                yield new DataRow(Collections.unmodifiableList(values));
            }
            case 'C' -> new CommandComplete(cstring(body));
            case 'I' -> new EmptyQueryResponse();
            case 'G', 'H', 'W' -> new CopyResponse(type);
            case 'd' -> new CopyData(body);
            case 'c' -> new CopyDone();
            case 'E' -> new ErrorResponse(notice(body));
            case 'N' -> new NoticeResponse(notice(body));
            case 'v' -> new NegotiateProtocolVersion(body.getInt());
            default -> throw new PgProtocolException("unexpected message type '" + printable(type)
                    + "' from the server; expected one of R S K Z T D C I G H W d c E N v."
                    + " HINT: is this port a PostgreSQL server?");
        };
    }

    private static ServerNotice notice(ByteBuffer body) {
        Map<Character, String> fields = new HashMap<>();
        while (body.hasRemaining()) {
            byte code = body.get();
            if (code == 0) {
                break;
            }
            fields.put((char) code, cstring(body));
        }
        return new ServerNotice(fields);
    }

    /** A NUL-terminated UTF-8 string from {@code body}, leaving the position after the NUL. */
    static String cstring(ByteBuffer body) {
        int start = body.position();
        int end = start;
        while (end < body.limit() && body.get(end) != 0) {
            end++;
        }
        if (end == body.limit()) {
            throw new PgProtocolException("a string in a server message has no terminating NUL");
        }
        String s = new String(body.array(), body.arrayOffset() + start, end - start, StandardCharsets.UTF_8);
        body.position(end + 1);
        return s;
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c);
    }
}
