package org.lanfree.db.pg.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Our client against a scripted peer that reads the startup message and then answers badly:
 * garbage, an early close, silence, an authentication method we do not speak, an error before
 * any authentication. Each must fail at once with a message saying what came and what was expected.
 */
class ScriptedServerTest {

    private ServerSocket listener;
    private Thread peer;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        if (listener != null) {
            listener.close();
        }
        if (peer != null) {
            peer.join(5000);
        }
    }

    @Test
    void garbageInsteadOfProtocolAsksWhetherThisIsPostgres() {
        serve("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII), false);
        PgProtocolException e = assertThrows(PgProtocolException.class, this::connect);
        assertTrue(e.getMessage().contains("message 'H' has length"), e.getMessage());
        assertTrue(e.getMessage().contains("is this port a PostgreSQL server?"), e.getMessage());
    }

    @Test
    void anEarlyCloseSaysTheServerClosedTheConnection() {
        serve(new byte[0], false);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, this::connect);
        assertTrue(e.getMessage().contains("the server closed the connection"), e.getMessage());
    }

    @Test
    void silenceDuringLoginEndsAfterTheConnectTimeout() {
        serve(new byte[0], true);
        long start = System.nanoTime();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, this::connect);
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void anAuthenticationMethodWeDoNotSpeakIsNamed() {
        serve(message('R', 7), false); // GSSAPI
        PgProtocolException e = assertThrows(PgProtocolException.class, this::connect);
        assertTrue(e.getMessage().contains("authentication method 7"), e.getMessage());
    }

    @Test
    void anErrorBeforeAuthenticationKeepsItsSqlState() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("SFATAL\0VFATAL\0C53300\0Msorry, too many clients already\0\0".getBytes(StandardCharsets.UTF_8));
        serve(frame('E', body.toByteArray()), false);
        PgServerException e = assertThrows(PgServerException.class, this::connect);
        assertEquals("53300", e.sqlState());
        assertTrue(e.getMessage().contains("sorry, too many clients already"), e.getMessage());
        assertTrue(e.retryable());
    }

    private void connect() {
        ConnectionConfig config = new ConnectionConfig("127.0.0.1", listener.getLocalPort(), "backup", "pw", null,
                ReplicationMode.PHYSICAL, null, Duration.ofSeconds(1), null, null);
        ReplicationConnection.open(config).close();
    }

    /** Accepts one connection, reads the startup message, writes {@code script}, then closes or holds it. */
    private void serve(byte[] script, boolean hold) {
        try {
            listener = new ServerSocket(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        peer = new Thread(() -> {
            try (Socket s = listener.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                in.readFully(new byte[in.readInt() - 4]);
                s.getOutputStream().write(script);
                s.getOutputStream().flush();
                if (hold) {
                    release.await(30, TimeUnit.SECONDS);
                }
            } catch (IOException | InterruptedException ignored) {
                // the test ends the conversation
            }
        }, "scripted-postgres");
        peer.start();
    }

    private static byte[] message(char type, int value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            new DataOutputStream(b).writeInt(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return frame(type, b.toByteArray());
    }

    private static byte[] frame(char type, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        try {
            d.writeByte(type);
            d.writeInt(body.length + 4);
            d.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }
}
