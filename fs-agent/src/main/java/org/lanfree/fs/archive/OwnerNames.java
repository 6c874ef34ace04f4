package org.lanfree.fs.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lanfree.fs.posix.ByteString;

/**
 * User and group names for the archive's {@code uname}/{@code gname}, read once from
 * {@code /etc/passwd} and {@code /etc/group} (names from NSS services such as LDAP are not
 * seen; the numeric ids are always archived and are what a restore uses).
 */
public final class OwnerNames {

    private final Map<Long, ByteString> users;
    private final Map<Long, ByteString> groups;

    private OwnerNames(Map<Long, ByteString> users, Map<Long, ByteString> groups) {
        this.users = users;
        this.groups = groups;
    }

    public static OwnerNames fromSystem() {
        return new OwnerNames(read(Path.of("/etc/passwd")), read(Path.of("/etc/group")));
    }

    public static OwnerNames none() {
        return new OwnerNames(Map.of(), Map.of());
    }

    public ByteString user(long uid) {
        return users.getOrDefault(uid, ByteString.EMPTY);
    }

    public ByteString group(long gid) {
        return groups.getOrDefault(gid, ByteString.EMPTY);
    }

    /** {@code name:x:id:...} lines; the first name of an id wins, as getpwuid answers. */
    private static Map<Long, ByteString> read(Path file) {
        Map<Long, ByteString> out = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return out;
        }
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length < 3 || f[0].isEmpty()) {
                continue;
            }
            try {
                out.putIfAbsent(Long.parseLong(f[2]), ByteString.of(f[0].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
            } catch (NumberFormatException ignored) {
                // a malformed line names nobody
            }
        }
        return out;
    }
}
