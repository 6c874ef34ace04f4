package org.lanfree.array;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.lanfree.connect.Conn;
import org.lanfree.connect.Listener;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.stp.ArrayDriver;

/** A connected pair of STP sockets and helpers to move checked data through them. */
record StpPair(Listener listener, Conn client, Conn server) implements AutoCloseable {

    static StpPair open(ArrayDriver connector, ArrayDriver acceptor, int group, int ringTracks) throws Exception {
        Listener l = acceptor.listen(new SockAddr.Stp(group, 0), 4);
        CompletableFuture<Conn> accepted = async(l::accept);
        Conn c = connector.connect((SockAddr.Stp) l.localAddress(), ringTracks);
        return new StpPair(l, c, accepted.get(10, TimeUnit.SECONDS));
    }

    /** Sends {@code bytes} pseudo-random bytes in messages of {@code message} bytes, ends the stream, returns their SHA-256. */
    static byte[] sendRandom(Conn c, long bytes, int message, long seed) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Random r = new Random(seed);
        byte[] buf = new byte[message];
        for (long sent = 0; sent < bytes; sent += message) {
            int n = (int) Math.min(message, bytes - sent);
            r.nextBytes(buf);
            md.update(buf, 0, n);
            c.send(ByteBuffer.wrap(buf, 0, n));
        }
        c.shutdownOutput();
        return md.digest();
    }

    /** Reads to end of stream; returns the SHA-256 of what arrived. */
    static byte[] receiveAll(Conn c, int chunk) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ByteBuffer buf = ByteBuffer.allocate(chunk);
        while (true) {
            buf.clear();
            if (c.recv(buf) < 0) {
                return md.digest();
            }
            md.update(buf.flip());
        }
    }

    static CompletableFuture<byte[]> receiveAllAsync(Conn c, int chunk) {
        return async(() -> receiveAll(c, chunk));
    }

    /** Runs blocking work on its own virtual thread (the common pool has one thread on two cores). */
    static <T> CompletableFuture<T> async(Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.close();
        listener.close();
    }
}
