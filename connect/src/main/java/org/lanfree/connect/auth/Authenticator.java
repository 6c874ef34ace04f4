package org.lanfree.connect.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.lanfree.connect.Conn;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.wire.ErrorCode;
import org.lanfree.connect.wire.Frame;
import org.lanfree.connect.wire.FrameChannel;
import org.lanfree.connect.wire.FrameType;
import org.lanfree.connect.wire.WireException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mutual challenge-response authentication over a fresh connection, before anything else is said.
 *
 * <pre>
 * acceptor                                         connector
 *    │── HELLO   {LANFREE, version, role, nonceA} ──►│  checks magic, version, role
 *    │◄─ AUTH    {LANFREE, version, role, nonceB,  ──│
 *    │            proof("client")}                   │
 *    │   checks magic, version, role, proof          │
 *    │── AUTH_OK {proof("server")} ─────────────────►│  checks proof
 * </pre>
 *
 * Proofs are compared in constant time. Every wait is bounded by the state timeout (default 10
 * s); handshake frames are limited to 1 KiB. On any failure the side that detects it sends an
 * ERROR frame when it can (never in answer to the peer's own ERROR) and closes the
 * connection; the acceptor also logs one WARN line naming the remote address and the reason, so
 * callers of {@link #accept} need not log the failure again. The peer learns the reason and
 * nothing else.
 */
public final class Authenticator {

    public static final String MAGIC = "LANFREE";
    public static final int PROTOCOL_VERSION = 1;
    public static final Duration DEFAULT_STATE_TIMEOUT = Duration.ofSeconds(10);
    /** Largest frame accepted before the peer is authenticated. */
    public static final int MAX_HANDSHAKE_FRAME = 1024;

    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SharedSecret secret;
    private final Role self;
    private final Role peer;
    private final Duration stateTimeout;

    /** Authenticates as {@code self} and accepts only peers announcing themselves as {@code peer}. */
    public Authenticator(SharedSecret secret, Role self, Role peer) {
        this(secret, self, peer, DEFAULT_STATE_TIMEOUT);
    }

    private Authenticator(SharedSecret secret, Role self, Role peer, Duration stateTimeout) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.self = Objects.requireNonNull(self, "self");
        this.peer = Objects.requireNonNull(peer, "peer");
        if (stateTimeout.isNegative() || stateTimeout.isZero()) {
            throw new IllegalArgumentException("state timeout " + stateTimeout + " must be positive");
        }
        this.stateTimeout = stateTimeout;
    }

    /** The same authenticator, waiting at most {@code timeout} for each of the peer's frames. */
    public Authenticator withStateTimeout(Duration timeout) {
        return new Authenticator(secret, self, peer, timeout);
    }

    public Duration stateTimeout() {
        return stateTimeout;
    }

    public Role self() {
        return self;
    }

    public Role peer() {
        return peer;
    }

    /**
     * Authenticates the connecting peer of an accepted connection. Returns the channel to go on
     * with; on failure the connection is closed and the failure logged.
     */
    public FrameChannel accept(Conn conn) throws WireException {
        SockAddr remote = conn.remoteAddress();
        FrameChannel channel = null;
        try {
            channel = FrameChannel.of(conn);
            channel.reader().setMaxFrameLength(MAX_HANDSHAKE_FRAME);
            byte[] nonceA = nonce();
            channel.writer().write(FrameType.HELLO, out ->
                    AuthCodec.encodeHello(new Hello(MAGIC, PROTOCOL_VERSION, self.code(), nonceA), out));

            ByteBuffer payload = channel.reader().expect(FrameType.AUTH, stateTimeout).payload();
            checkPreamble(AuthCodec.peekPreamble(payload, "AUTH"));
            Auth auth = AuthCodec.decodeAuth(payload);
            if (Arrays.equals(auth.nonce(), nonceA)) {
                throw new WireException(ErrorCode.AUTH_FAILED, "the peer's nonce repeats this side's"
                        + " challenge; expected a fresh one (a reflected HELLO)");
            }
            byte[] expected = Proof.connector(secret, PROTOCOL_VERSION, self, peer, nonceA, auth.nonce());
            if (!MessageDigest.isEqual(expected, auth.proof())) {
                throw new WireException(ErrorCode.AUTH_FAILED, "the peer's proof does not match this"
                        + " side's shared secret; HINT: configure both sides with the same secret");
            }
            byte[] proof = Proof.acceptor(secret, PROTOCOL_VERSION, self, peer, nonceA, auth.nonce());
            channel.writer().write(FrameType.AUTH_OK, out -> AuthCodec.encodeAuthOk(new AuthOk(proof), out));
            channel.reader().setMaxFrameLength(Frame.DEFAULT_MAX_LENGTH);
            log.debug("auth: {} authenticated as {}", remote, peer);
            return channel;
        } catch (IOException | RuntimeException e) {
            WireException failure = failure(e);
            refuse(conn, channel, failure);
            log.warn("auth: refused {}: {}", remote, failure.getMessage());
            throw failure;
        }
    }

    /**
     * Authenticates the accepting peer of a connection this side opened. Returns the channel to
     * go on with; on failure the connection is closed.
     */
    public FrameChannel connect(Conn conn) throws WireException {
        FrameChannel channel = null;
        try {
            channel = FrameChannel.of(conn);
            channel.reader().setMaxFrameLength(MAX_HANDSHAKE_FRAME);
            ByteBuffer payload = channel.reader().expect(FrameType.HELLO, stateTimeout).payload();
            checkPreamble(AuthCodec.peekPreamble(payload, "HELLO"));
            byte[] nonceA = AuthCodec.decodeHello(payload).nonce();
            byte[] nonceB = nonce();
            byte[] proof = Proof.connector(secret, PROTOCOL_VERSION, peer, self, nonceA, nonceB);
            channel.writer().write(FrameType.AUTH, out -> AuthCodec.encodeAuth(
                    new Auth(MAGIC, PROTOCOL_VERSION, self.code(), nonceB, proof), out));

            AuthOk ok = AuthCodec.decodeAuthOk(channel.reader().expect(FrameType.AUTH_OK, stateTimeout).payload());
            byte[] expected = Proof.acceptor(secret, PROTOCOL_VERSION, peer, self, nonceA, nonceB);
            if (!MessageDigest.isEqual(expected, ok.proof())) {
                throw new WireException(ErrorCode.AUTH_FAILED, "the acceptor's proof does not match"
                        + " this side's shared secret; HINT: the acceptor holds another secret,"
                        + " or something impersonates it");
            }
            channel.reader().setMaxFrameLength(Frame.DEFAULT_MAX_LENGTH);
            log.debug("auth: authenticated {} as {}", conn.remoteAddress(), peer);
            return channel;
        } catch (IOException | RuntimeException e) {
            WireException failure = failure(e);
            refuse(conn, channel, failure);
            throw failure;
        }
    }

    /** Checks the greeting field by field; each error shows the value seen and the one expected. */
    private void checkPreamble(AuthCodec.Preamble preamble) throws WireException {
        if (!MAGIC.equals(preamble.magic())) {
            throw new WireException(ErrorCode.BAD_MAGIC, "greeting magic is \""
                    + printable(preamble.magic()) + "\" but expected \"" + MAGIC
                    + "\"; HINT: the peer is not a lanfree process");
        }
        if (preamble.version() != PROTOCOL_VERSION) {
            throw new WireException(ErrorCode.BAD_VERSION, "the peer's greeting says protocol version "
                    + preamble.version() + " but this side speaks " + PROTOCOL_VERSION
                    + "; HINT: run the same lanfree version on both sides");
        }
        if (preamble.role() != peer.code()) {
            throw new WireException(ErrorCode.BAD_ROLE, "the peer's greeting says role "
                    + Role.describe(preamble.role()) + " but this " + self + " expects " + peer
                    + "; HINT: the address reaches the wrong kind of process");
        }
    }

    private static WireException failure(Exception e) {
        if (e instanceof IOException io) {
            return WireException.of(io);
        }
        return new WireException(ErrorCode.INTERNAL, "authentication failed: " + e, e);
    }

    /** Tells the peer why, unless the peer itself gave up, and closes the connection. */
    private static void refuse(Conn conn, FrameChannel channel, WireException failure) {
        if (channel != null && failure.worthTelling()) {
            try {
                channel.writer().writeError(failure.code(), failure.detail());
                conn.shutdownOutput();
            } catch (IOException | RuntimeException ignored) {
                // The connection is being refused; a peer that cannot hear why changes nothing.
            }
        }
        try {
            conn.close();
        } catch (IOException ignored) {
            // Closing a refused connection: nothing is left to release.
        }
    }

    private static byte[] nonce() {
        byte[] nonce = new byte[AuthCodec.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return out.toString();
    }
}
