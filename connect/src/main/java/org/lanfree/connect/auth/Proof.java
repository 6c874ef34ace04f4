package org.lanfree.connect.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The proofs of the secret each side sends.
 *
 * <pre>
 * proof      = HMAC-SHA256(secret, label version:u16 acceptor-role:u8 connector-role:u8
 *                                  acceptor-nonce:byte[32] connector-nonce:byte[32])
 * label      = "client" (the connector's proof) | "server" (the acceptor's proof)
 * </pre>
 *
 * Distinct labels keep either proof from being replayed as the other.
 */
final class Proof {

    private Proof() {
    }

    static byte[] connector(SharedSecret secret, int version, Role acceptor, Role connector,
            byte[] acceptorNonce, byte[] connectorNonce) {
        return secret.hmac(transcript("client", version, acceptor, connector, acceptorNonce, connectorNonce));
    }

    static byte[] acceptor(SharedSecret secret, int version, Role acceptor, Role connector,
            byte[] acceptorNonce, byte[] connectorNonce) {
        return secret.hmac(transcript("server", version, acceptor, connector, acceptorNonce, connectorNonce));
    }

    private static byte[] transcript(String label, int version, Role acceptor, Role connector,
            byte[] acceptorNonce, byte[] connectorNonce) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer t = ByteBuffer.allocate(labelBytes.length + 4 + acceptorNonce.length + connectorNonce.length);
        t.put(labelBytes).putShort((short) version).put((byte) acceptor.code()).put((byte) connector.code());
        t.put(acceptorNonce).put(connectorNonce);
        return t.array();
    }
}
