package org.lanfree.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Conn} implementation must do. Subclasses supply a connected pair; the STP
 * implementation gets its subclass once an array is running.
 */
public abstract class ConnContract {

    /** Two ends of one connection. */
    public record Pair(Conn a, Conn b) {
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Pair pair;

    protected abstract Pair open() throws IOException;

    @BeforeEach
    void openPair() throws IOException {
        pair = open();
    }

    @AfterEach
    void closePair() throws IOException {
        pair.a().close();
        pair.b().close();
        threads.shutdownNow();
    }

    @Test
    void bytesArriveInOrderAcrossManySends() throws Exception {
        byte[] sent = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(sent);
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            try {
                for (int off = 0; off < sent.length; off += 65_000) {
                    pair.a().send(ByteBuffer.wrap(sent, off, Math.min(65_000, sent.length - off)));
                }
                pair.a().shutdownOutput();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        byte[] received = readAll(pair.b(), ByteBuffer.allocateDirect(10_000));
        sender.get(10, TimeUnit.SECONDS);
        assertArrayEquals(sent, received);
    }

    @Test
    void recvReturnsMinusOneAtEndOfStream() throws IOException {
        pair.a().send(ByteBuffer.wrap(new byte[] {7}));
        pair.a().shutdownOutput();
        ByteBuffer dst = ByteBuffer.allocate(8);
        assertEquals(1, pair.b().recv(dst));
        assertEquals(-1, pair.b().recv(dst));
    }

    @Test
    void recvIntoAFullBufferReturnsZero() throws IOException {
        assertEquals(0, pair.b().recv(ByteBuffer.allocate(0)));
    }

    @Test
    void recvThrowsSocketTimeoutExceptionWhenNothingArrives() throws IOException {
        pair.b().setReadTimeout(Duration.ofMillis(150));
        long start = System.nanoTime();
        assertThrows(SocketTimeoutException.class, () -> pair.b().recv(ByteBuffer.allocate(8)));
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waitedMillis >= 140 && waitedMillis < 3000, "waited " + waitedMillis + " ms for a 150 ms timeout");
    }

    @Test
    void bothDirectionsWorkAtOnce() throws Exception {
        CompletableFuture<byte[]> atB = CompletableFuture.supplyAsync(() -> readExactly(pair.b(), 200_000), threads);
        CompletableFuture<byte[]> atA = CompletableFuture.supplyAsync(() -> readExactly(pair.a(), 200_000), threads);
        pair.a().send(ByteBuffer.wrap(filled(200_000, (byte) 1)));
        pair.b().send(ByteBuffer.wrap(filled(200_000, (byte) 2)));
        assertArrayEquals(filled(200_000, (byte) 1), atB.get(10, TimeUnit.SECONDS));
        assertArrayEquals(filled(200_000, (byte) 2), atA.get(10, TimeUnit.SECONDS));
    }

    @Test
    void closeFromAnotherThreadEndsABlockedRecv() throws Exception {
        CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                pair.b().recv(ByteBuffer.allocate(8));
                return null;
            } catch (IOException e) {
                return e;
            }
        }, threads);
        Await.until("recv to block", Duration.ofSeconds(2), () -> !blocked.isDone());
        pair.b().close();
        Throwable outcome = blocked.get(5, TimeUnit.SECONDS);
        assertTrue(outcome instanceof IOException, "blocked recv ended with " + outcome);
    }

    @Test
    void closeIsIdempotent() throws IOException {
        pair.a().close();
        pair.a().close();
    }

    @Test
    void addressesMirrorEachOther() {
        assertEquals(pair.a().localAddress(), pair.b().remoteAddress());
        assertEquals(pair.b().localAddress(), pair.a().remoteAddress());
        assertEquals(pair.a().domain(), pair.a().localAddress().domain());
    }

    private static byte[] readAll(Conn conn, ByteBuffer chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            chunk.clear();
            int n = conn.recv(chunk);
            if (n < 0) {
                return out.toByteArray();
            }
            chunk.flip();
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            out.write(bytes);
        }
    }

    private static byte[] readExactly(Conn conn, int count) {
        ByteBuffer dst = ByteBuffer.allocate(count);
        try {
            while (dst.hasRemaining()) {
                if (conn.recv(dst) < 0) {
                    throw new IOException("end of stream after " + dst.position() + " bytes");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return dst.array();
    }

    private static byte[] filled(int count, byte value) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
