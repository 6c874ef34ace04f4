package org.lanfree.connect.auth;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** The HELLO frame: the acceptor's greeting and its challenge. Layout in {@link AuthCodec}. */
public record Hello(String magic, int version, int role, byte[] nonce) {

    public Hello {
        Objects.requireNonNull(magic, "magic");
        nonce = nonce.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Hello h && magic.equals(h.magic) && version == h.version
                && role == h.role && Arrays.equals(nonce, h.nonce);
    }

    @Override
    public int hashCode() {
        return Objects.hash(magic, version, role, Arrays.hashCode(nonce));
    }

    @Override
    public String toString() {
        return "Hello[" + magic + " v" + version + " " + Role.describe(role) + " nonce="
                + HexFormat.of().formatHex(nonce) + "]";
    }
}
