package org.lanfree.fs.posix;

import java.util.Arrays;

/** One extended attribute: its full name ({@code user.x}, {@code system.posix_acl_access}) and raw value. */
public record Xattr(ByteString name, byte[] value) {

    public Xattr {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Xattr x && name.equals(x.name) && Arrays.equals(value, x.value);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return name + "=" + ByteString.of(value);
    }
}
