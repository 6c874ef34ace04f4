package org.lanfree.connect.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.lanfree.connect.SockAddr;

/** Conversions between the layer's addresses and java.net's. */
final class Tcp {

    private Tcp() {
    }

    static InetSocketAddress inet(SockAddr.Net address) {
        return new InetSocketAddress(address.host(), address.port());
    }

    static SockAddr.Net addressOf(InetSocketAddress address) {
        String host = address.getAddress() != null
                ? address.getAddress().getHostAddress() : address.getHostString();
        return new SockAddr.Net(host, address.getPort());
    }

    /** A timeout in whole milliseconds for java.net's int parameters; zero stays zero. */
    static int millis(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout " + timeout + " is negative");
        }
        if (timeout.isZero()) {
            return 0;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** The exception's message, or its class name when it has none. */
    static String reason(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    static <E extends IOException> E withCause(E error, Throwable cause) {
        error.initCause(cause);
        return error;
    }
}
