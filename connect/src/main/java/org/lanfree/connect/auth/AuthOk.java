package org.lanfree.connect.auth;

import java.util.Arrays;

/** The AUTH_OK frame: the acceptor's proof of the secret. Layout in {@link AuthCodec}. */
public record AuthOk(byte[] proof) {

    public AuthOk {
        proof = proof.clone();
    }

    @Override
    public byte[] proof() {
        return proof.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuthOk a && Arrays.equals(proof, a.proof);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(proof);
    }

    @Override
    public String toString() {
        return "AuthOk[proof=" + proof.length + " bytes]";
    }
}
