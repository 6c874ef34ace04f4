package org.lanfree.connect;

import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.CRC32C;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A scripted peer on a raw TCP socket. It encodes frames and proofs by itself, from the wire
 * grammar, so the tests also check the production codecs against the documented format.
 */
public final class BadPeer implements Closeable {

    /** A frame as read off the socket: its type byte and payload. */
    public record RawFrame(int type, byte[] payload) {
        public ByteBuffer buffer() {
            return ByteBuffer.wrap(payload);
        }
    }

    /** An ERROR frame's contents. */
    public record RawError(int code, String detail) {
    }

    public static final int HELLO = 1;
    public static final int AUTH = 2;
    public static final int AUTH_OK = 3;
    public static final int ERROR = 4;
    public static final int MESSAGE = 5;

    private final Socket socket;
    private final String address;
    private final DataInputStream in;
    private final OutputStream out;

    private BadPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.address = socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static BadPeer connect(SockAddr.Net address) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(address.host(), address.port()), 5000);
        socket.setSoTimeout(5000);
        return new BadPeer(socket);
    }

    /** This peer's address as the other side sees it: "127.0.0.1:port". */
    public String address() {
        return address;
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** A well-formed frame with a correct CRC32C. */
    public void sendFrame(int type, byte[] payload) throws IOException {
        send(frame(type, payload));
    }

    public static byte[] frame(int type, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(type);
        crc.update(payload);
        return ByteBuffer.allocate(9 + payload.length).putInt(1 + payload.length).put((byte) type)
                .put(payload).putInt((int) crc.getValue()).array();
    }

    /** Reads one frame; null at end of stream. */
    public RawFrame readFrame() throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        int type = in.readUnsignedByte();
        byte[] payload = new byte[length - 1];
        in.readFully(payload);
        int crc = in.readInt();
        CRC32C check = new CRC32C();
        check.update(type);
        check.update(payload);
        if ((int) check.getValue() != crc) {
            throw new IOException("bad CRC on a frame of type " + type);
        }
        return new RawFrame(type, payload);
    }

    /** Reads the HELLO the acceptor sends first. */
    public RawFrame readHello() throws IOException {
        RawFrame hello = readFrame();
        if (hello == null || hello.type() != HELLO) {
            throw new IOException("expected HELLO but got " + (hello == null ? "end of stream" : "type " + hello.type()));
        }
        return hello;
    }

    /** Reads frames until an ERROR frame; returns it. */
    public RawError readError() throws IOException {
        while (true) {
            RawFrame frame = readFrame();
            if (frame == null) {
                throw new EOFException("the connection closed without an ERROR frame");
            }
            if (frame.type() == ERROR) {
                ByteBuffer p = frame.buffer();
                int code = Short.toUnsignedInt(p.getShort());
                byte[] detail = new byte[Short.toUnsignedInt(p.getShort())];
                p.get(detail);
                return new RawError(code, new String(detail, StandardCharsets.UTF_8));
            }
        }
    }

    /** True when the other side closes the connection within {@code limit} (bytes before the close are skipped). */
    public boolean closedWithin(Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        byte[] skip = new byte[4096];
        try {
            while (true) {
                if (in.read(skip) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** An AUTH payload as the grammar defines it. */
    public static byte[] authPayload(String magic, int version, int role, byte[] nonce, byte[] proof) {
        return ByteBuffer.allocate(10 + nonce.length + proof.length)
                .put(magic.getBytes(StandardCharsets.ISO_8859_1)).putShort((short) version).put((byte) role)
                .put(nonce).put(proof).array();
    }

    /** The connector's proof: HMAC-SHA256(secret, "client" version acceptorRole connectorRole nonceA nonceB). */
    public static byte[] connectorProof(byte[] secret, int version, int acceptorRole, int connectorRole,
            byte[] acceptorNonce, byte[] connectorNonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update("client".getBytes(StandardCharsets.US_ASCII));
            mac.update(ByteBuffer.allocate(4).putShort((short) version).put((byte) acceptorRole)
                    .put((byte) connectorRole).array());
            mac.update(acceptorNonce);
            return mac.doFinal(connectorNonce);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
