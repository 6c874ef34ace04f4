package org.lanfree.connect.auth;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The AUTH frame: the connector's greeting, its challenge and its proof of the secret. Layout in
 * {@link AuthCodec}.
 */
public record Auth(String magic, int version, int role, byte[] nonce, byte[] proof) {

    public Auth {
        Objects.requireNonNull(magic, "magic");
        nonce = nonce.clone();
        proof = proof.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] proof() {
        return proof.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Auth a && magic.equals(a.magic) && version == a.version
                && role == a.role && Arrays.equals(nonce, a.nonce) && Arrays.equals(proof, a.proof);
    }

    @Override
    public int hashCode() {
        return Objects.hash(magic, version, role, Arrays.hashCode(nonce), Arrays.hashCode(proof));
    }

    @Override
    public String toString() {
        return "Auth[" + magic + " v" + version + " " + Role.describe(role) + " nonce="
                + HexFormat.of().formatHex(nonce) + " proof=" + proof.length + " bytes]";
    }
}
