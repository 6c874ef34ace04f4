package org.lanfree.cli.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.Callable;

import org.lanfree.connect.Conn;
import org.lanfree.connect.Listener;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.net.TcpConn;
import org.lanfree.connect.net.TcpListener;
import org.lanfree.connect.stp.ArrayDriver;
import org.lanfree.connect.stp.ChannelAddress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One side of a transport benchmark case, run as its own process. The receiver prints
 * {@code ready PORT}, then {@code result bytes=N nanos=T} for the bytes after the warm-up.
 */
@Command(name = "transport-peer", hidden = true, mixinStandardHelpOptions = true,
        description = "One side of a 'bench transport' case (started by the benchmark).")
final class TransportPeerCommand implements Callable<Integer> {

    @Option(names = "--role", required = true, description = "send or recv")
    String role;

    @Option(names = "--channel", description = "array channel (unix:PATH or tcp:HOST:PORT); absent: plain TCP")
    String channel;

    @Option(names = "--port", description = "port to send to (TCP port, or STP port of group 1)")
    int port;

    @Option(names = "--message", required = true, description = "bytes per send/recv call")
    int message;

    @Option(names = "--bytes", required = true, description = "bytes timed")
    long bytes;

    @Option(names = "--warmup", description = "bytes sent first, not timed")
    long warmup;

    @Override
    public Integer call() throws IOException {
        ArrayDriver driver = channel == null ? null : ArrayDriver.attach(ChannelAddress.parse(channel), "bench-" + role);
        try {
            if (role.equals("recv")) {
                receive(driver);
            } else {
                send(driver);
            }
        } finally {
            if (driver != null) {
                driver.close();
            }
        }
        return 0;
    }

    private void receive(ArrayDriver driver) throws IOException {
        Listener l = driver == null ? TcpListener.bind(new SockAddr.Net("127.0.0.1", 0), 1)
                : driver.listen(new SockAddr.Stp(1, 0), 1);
        int p = l.localAddress() instanceof SockAddr.Stp s ? s.port() : ((SockAddr.Net) l.localAddress()).port();
        System.out.println("ready " + p);
        System.out.flush();
        try (Conn c = l.accept()) {
            ByteBuffer buf = ByteBuffer.allocateDirect(message);
            long got = 0;
            long start = warmup == 0 ? System.nanoTime() : 0;
            while (true) {
                buf.clear();
                int n = c.recv(buf);
                if (n < 0) {
                    break;
                }
                got += n;
                if (start == 0 && got >= warmup) {
                    start = System.nanoTime();
                }
            }
            long nanos = System.nanoTime() - start;
            System.out.println("result bytes=" + (got - warmup) + " nanos=" + nanos);
        }
        l.close();
    }

    private void send(ArrayDriver driver) throws IOException {
        try (Conn c = driver == null ? TcpConn.connect(new SockAddr.Net("127.0.0.1", port), java.time.Duration.ofSeconds(10))
                : driver.connect(new SockAddr.Stp(1, port), 0)) {
            byte[] random = new byte[message];
            new Random(42).nextBytes(random);
            ByteBuffer buf = ByteBuffer.allocateDirect(message);
            buf.put(random);
            long total = warmup + bytes;
            for (long sent = 0; sent < total; sent += message) {
                buf.clear();
                c.send(buf);
            }
            c.shutdownOutput();
        }
    }
}
