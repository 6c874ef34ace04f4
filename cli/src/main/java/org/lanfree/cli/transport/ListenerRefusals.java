package org.lanfree.cli.transport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the listeners' refusals into failed sessions. {@code FsAgentListener} and
 * {@code DbServerListener} refuse a connection that fails authentication, or a handshake that
 * breaks, with one WARN line, and keep serving; they offer no callback for it. A transport
 * check that serves a bounded number of sessions must count such a refusal as a failed session,
 * or a peer with the wrong secret would leave it waiting for ever. So this watches those log
 * lines as slf4j-simple writes them to {@code System.err} (it looks the stream up on every
 * line), passing every byte through unchanged. Recognized lines: {@code auth: refused PEER:
 * REASON}, {@code fs-agent: session N with PEER failed: REASON}, {@code db-server: refused
 * PEER: REASON}.
 */
final class ListenerRefusals implements AutoCloseable {

    private static final Pattern REFUSAL = Pattern.compile(
            "(?:auth: refused (\\S+): |fs-agent: session \\d+ with (\\S+) failed: |db-server: refused (\\S+): )(.*)$");

    /** A connection the listener turned away: who, and the listener's reason. */
    record Refusal(String peer, String reason) {

        /** Whether the peer failed to prove it holds the shared secret. */
        boolean authentication() {
            return reason.contains("AUTH_FAILED");
        }
    }

    private final PrintStream original;
    private final PrintStream tee;

    private ListenerRefusals(PrintStream original, Consumer<Refusal> listener) {
        this.original = original;
        this.tee = new PrintStream(new LineTee(original, listener), true, StandardCharsets.UTF_8);
    }

    /** Starts watching; {@code listener} hears each refusal on the logging thread. */
    static ListenerRefusals watch(Consumer<Refusal> listener) {
        synchronized (System.class) {
            ListenerRefusals watch = new ListenerRefusals(System.err, listener);
            System.setErr(watch.tee);
            return watch;
        }
    }

    /** Stops watching: {@code System.err} is the stream it was before. */
    @Override
    public void close() {
        synchronized (System.class) {
            if (System.err == tee) {
                System.setErr(original);
            }
        }
    }

    /** Passes bytes through and hands each complete line to the refusal pattern. */
    private static final class LineTee extends OutputStream {

        private final PrintStream target;
        private final Consumer<Refusal> listener;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineTee(PrintStream target, Consumer<Refusal> listener) {
            this.target = target;
            this.listener = listener;
        }

        @Override
        public synchronized void write(int b) {
            target.write(b);
            take(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            target.write(bytes, offset, length);
            for (int i = offset; i < offset + length; i++) {
                take(bytes[i]);
            }
        }

        @Override
        public void flush() {
            target.flush();
        }

        private void take(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            Matcher m = REFUSAL.matcher(line.toString(StandardCharsets.UTF_8));
            line.reset();
            if (m.find()) {
                String peer = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                listener.accept(new Refusal(peer, m.group(4)));
            }
        }
    }
}
