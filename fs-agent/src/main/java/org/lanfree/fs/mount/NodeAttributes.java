package org.lanfree.fs.mount;

import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** A node's attributes for {@code java.nio.file}; owners are the archived numbers. */
record NodeAttributes(Node node) implements PosixFileAttributes {

    private record Id(String getName) implements UserPrincipal, GroupPrincipal {
    }

    @Override
    public FileTime lastModifiedTime() {
        return FileTime.from(Instant.ofEpochSecond(0, node.mtimeNs()));
    }

    @Override
    public FileTime lastAccessTime() {
        return lastModifiedTime();
    }

    @Override
    public FileTime creationTime() {
        return lastModifiedTime();
    }

    @Override
    public boolean isRegularFile() {
        return node.isRegularFile();
    }

    @Override
    public boolean isDirectory() {
        return node.isDirectory();
    }

    @Override
    public boolean isSymbolicLink() {
        return node.type() == 'l';
    }

    @Override
    public boolean isOther() {
        return !isRegularFile() && !isDirectory() && !isSymbolicLink();
    }

    @Override
    public long size() {
        return node.size();
    }

    @Override
    public Object fileKey() {
        return null;
    }

    @Override
    public UserPrincipal owner() {
        return new Id(Long.toString(node.uid()));
    }

    @Override
    public GroupPrincipal group() {
        return new Id(Long.toString(node.gid()));
    }

    @Override
    public Set<PosixFilePermission> permissions() {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((node.mode() & (1 << i)) != 0) {
                out.add(order[i]);
            }
        }
        return out;
    }
}
