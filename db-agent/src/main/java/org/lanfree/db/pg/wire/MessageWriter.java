package org.lanfree.db.pg.wire;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes frontend messages. Each method writes one whole message and flushes. */
final class MessageWriter {

    private static final int PROTOCOL_3_0 = 196608;

    private final DataOutputStream out;

    MessageWriter(OutputStream out) {
        this.out = new DataOutputStream(out);
    }

    /** Startup: Int32 length, Int32 protocol, name/value pairs, a final NUL (no type byte). */
    void startup(Map<String, String> params) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        params.forEach((k, v) -> {
            cstring(body, k);
            cstring(body, v);
        });
        body.write(0);
        out.writeInt(body.size() + 8);
        out.writeInt(PROTOCOL_3_0);
        body.writeTo(out);
        out.flush();
    }

    /** {@code p}: a password, MD5 answer or SASL response, as given. */
    void password(byte[] payload) throws IOException {
        message('p', payload, 0, payload.length);
    }

    /** {@code p}: SASLInitialResponse: mechanism name, Int32 length, the client-first message. */
    void saslInitialResponse(String mechanism, byte[] data) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cstring(body, mechanism);
        new DataOutputStream(body).writeInt(data.length);
        body.write(data);
        password(body.toByteArray());
    }

    /** {@code Q}: one simple query. */
    void query(String sql) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cstring(body, sql);
        byte[] b = body.toByteArray();
        message('Q', b, 0, b.length);
    }

    /** {@code d}. */
    void copyData(byte[] data, int off, int len) throws IOException {
        message('d', data, off, len);
    }

    /** {@code c}. */
    void copyDone() throws IOException {
        message('c', new byte[0], 0, 0);
    }

    /** {@code X}: the client ends the session. */
    void terminate() throws IOException {
        message('X', new byte[0], 0, 0);
    }

    private void message(char type, byte[] body, int off, int len) throws IOException {
        out.writeByte(type);
        out.writeInt(len + 4);
        out.write(body, off, len);
        out.flush();
    }

    private static void cstring(ByteArrayOutputStream out, String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a protocol string cannot hold a NUL character: '" + s.replace('\0', '?') + "'");
        }
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }
}
