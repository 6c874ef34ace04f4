package org.lanfree.fs.mount;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.cryptomator.jfuse.api.DirFiller;
import org.cryptomator.jfuse.api.Errno;
import org.cryptomator.jfuse.api.FileInfo;
import org.cryptomator.jfuse.api.FuseConfig;
import org.cryptomator.jfuse.api.FuseConnInfo;
import org.cryptomator.jfuse.api.FuseOperations;
import org.cryptomator.jfuse.api.Stat;
import org.cryptomator.jfuse.api.Statvfs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FUSE operations of the view: lookups, listings and attributes from {@link MountedView},
 * contents from {@link FileContent}; every change is refused with EROFS, damaged data is EIO.
 */
final class ReadOnlyOperations implements FuseOperations {

    private static final Logger LOG = LoggerFactory.getLogger(ReadOnlyOperations.class);

    private final Errno errno;
    private final MountedView view;
    private final FileContent content;
    private final Runnable onDestroy;
    /** Open files by handle: a read serves the file that was opened, even if the listing changed since. */
    private final Map<Long, Node> open = new ConcurrentHashMap<>();
    private final AtomicLong handles = new AtomicLong();

    ReadOnlyOperations(Errno errno, MountedView view, FileContent content, Runnable onDestroy) {
        this.errno = errno;
        this.view = view;
        this.content = content;
        this.onDestroy = onDestroy;
    }

    @Override
    public Errno errno() {
        return errno;
    }

    @Override
    public Set<Operation> supportedOperations() {
        return EnumSet.of(Operation.INIT, Operation.DESTROY, Operation.GET_ATTR, Operation.READLINK, Operation.OPEN_DIR,
                Operation.READ_DIR, Operation.RELEASE_DIR, Operation.OPEN, Operation.READ, Operation.RELEASE,
                Operation.STATFS, Operation.ACCESS, Operation.MKDIR, Operation.RMDIR, Operation.UNLINK,
                Operation.RENAME, Operation.SYMLINK, Operation.CHMOD, Operation.CHOWN,
                Operation.TRUNCATE, Operation.WRITE, Operation.CREATE, Operation.UTIMENS);
    }

    @Override
    public void init(FuseConnInfo conn, FuseConfig cfg) {
        conn.setMaxReadahead(1 << 20);
    }

    /** Files open now: a lazily detached mount still serves them. */
    int openFiles() {
        return open.size();
    }

    /** The kernel ended the mount (unmounted from outside, or by {@link BackupMount#close}). */
    @Override
    public void destroy() {
        onDestroy.run();
    }

    @Override
    public int getattr(String path, Stat stat, FileInfo fi) {
        try {
            Node n = view.resolve(path);
            if (n == null) {
                return -errno.enoent();
            }
            fill(n, stat);
            return 0;
        } catch (SQLException e) {
            return catalogDown(path, e);
        }
    }

    @Override
    public int readlink(String path, ByteBuffer buf, long len) {
        try {
            Node n = view.resolve(path);
            if (n == null) {
                return -errno.enoent();
            }
            if (n.type() != 'l' || n.linkTarget() == null) {
                return -errno.einval();
            }
            int count = (int) Math.min(n.linkTarget().length, len - 1);
            buf.put(n.linkTarget(), 0, count);
            buf.put((byte) 0);
            return 0;
        } catch (SQLException e) {
            return catalogDown(path, e);
        }
    }

    @Override
    public int opendir(String path, FileInfo fi) {
        return getattrOnly(path, true);
    }

    @Override
    public int readdir(String path, DirFiller filler, long offset, FileInfo fi, int flags) {
        try {
            Map<String, Node> children = view.list(path);
            if (children == null) {
                return -errno.enoent();
            }
            // with the attributes in the listing (readdirplus) the kernel needs no lookup per entry
            int plus = (flags & FUSE_READDIR_PLUS) != 0 ? DirFiller.FUSE_FILL_DIR_PLUS : 0;
            filler.fill(".");
            filler.fill("..");
            for (Node child : children.values().toArray(Node[]::new)) {
                if (filler.fill(child.name(), stat -> fill(child, stat), 0, plus) != 0) {
                    return -errno.enomem();
                }
            }
            return 0;
        } catch (SQLException e) {
            return catalogDown(path, e);
        } catch (IOException e) {
            return -errno.eio();
        }
    }

    @Override
    public int releasedir(String path, FileInfo fi) {
        return 0;
    }

    @Override
    public int open(String path, FileInfo fi) {
        Set<StandardOpenOption> flags = fi.getOpenFlags();
        if (flags.contains(StandardOpenOption.WRITE) || flags.contains(StandardOpenOption.APPEND)
                || flags.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            return -errno.erofs();
        }
        try {
            Node n = view.resolve(path);
            if (n == null) {
                return -errno.enoent();
            }
            long handle = handles.incrementAndGet();
            open.put(handle, n);
            fi.setFh(handle);
            return 0;
        } catch (SQLException e) {
            return catalogDown(path, e);
        }
    }

    @Override
    public int read(String path, ByteBuffer buf, long size, long offset, FileInfo fi) {
        try {
            Node n = open.get(fi.getFh());
            if (n == null) {
                n = view.resolve(path);
            }
            if (n == null) {
                return -errno.enoent();
            }
            if (!n.isRegularFile()) {
                return -errno.eisdir();
            }
            ByteBuffer out = buf.limit((int) Math.min(buf.capacity(), size));
            return content.read(n, offset, out);
        } catch (DamagedDataException e) {
            LOG.error("mount: {}: {}", path, e.getMessage());
            return -errno.eio();
        } catch (IOException e) {
            LOG.warn("mount: reading {} failed: {}", path, e.getMessage());
            return -errno.eio();
        } catch (SQLException e) {
            return catalogDown(path, e);
        }
    }

    @Override
    public int release(String path, FileInfo fi) {
        open.remove(fi.getFh());
        return 0;
    }

    @Override
    public int access(String path, int mask) {
        if ((mask & 2) != 0) {
            return -errno.erofs();
        }
        return getattrOnly(path, false);
    }

    @Override
    public int statfs(String path, Statvfs statvfs) {
        statvfs.setBsize(4096);
        statvfs.setFrsize(4096);
        statvfs.setNameMax(255);
        return 0;
    }

    @Override
    public int mkdir(String path, int mode) {
        return -errno.erofs();
    }

    @Override
    public int rmdir(String path) {
        return -errno.erofs();
    }

    @Override
    public int unlink(String path) {
        return -errno.erofs();
    }

    @Override
    public int rename(String oldpath, String newpath, int flags) {
        return -errno.erofs();
    }

    @Override
    public int symlink(String linkname, String target) {
        return -errno.erofs();
    }

    @Override
    public int link(String linkname, String target) {
        return -errno.erofs();
    }

    @Override
    public int chmod(String path, int mode, FileInfo fi) {
        return -errno.erofs();
    }

    @Override
    public int chown(String path, int uid, int gid, FileInfo fi) {
        return -errno.erofs();
    }

    @Override
    public int truncate(String path, long size, FileInfo fi) {
        return -errno.erofs();
    }

    @Override
    public int write(String path, ByteBuffer buf, long size, long offset, FileInfo fi) {
        return -errno.erofs();
    }

    @Override
    public int create(String path, int mode, FileInfo fi) {
        return -errno.erofs();
    }

    @Override
    public int mknod(String path, short mode, int rdev) {
        return -errno.erofs();
    }

    @Override
    public int utimens(String path, org.cryptomator.jfuse.api.TimeSpec atime,
                       org.cryptomator.jfuse.api.TimeSpec mtime, FileInfo fi) {
        return -errno.erofs();
    }

    private int getattrOnly(String path, boolean directory) {
        try {
            Node n = view.resolve(path);
            if (n == null) {
                return -errno.enoent();
            }
            if (directory && !n.isDirectory()) {
                return -errno.enotdir();
            }
            return 0;
        } catch (SQLException e) {
            return catalogDown(path, e);
        }
    }

    private int catalogDown(String path, SQLException e) {
        LOG.warn("mount: the catalog does not answer for {}: {}", path, e.getMessage());
        return -errno.eio();
    }

    static void fill(Node n, Stat stat) {
        stat.setMode(typeBits(n.type()) | n.mode());
        stat.setSize(n.size());
        stat.setUid((int) n.uid());
        stat.setGid((int) n.gid());
        stat.setNLink((short) Math.max(1, Math.min(Short.MAX_VALUE, n.nlink())));
        Instant mtime = Instant.ofEpochSecond(0, n.mtimeNs());
        stat.mTime().set(mtime);
        stat.aTime().set(mtime);
        stat.cTime().set(Instant.ofEpochSecond(0, n.ctimeNs() == 0 ? n.mtimeNs() : n.ctimeNs()));
    }

    private static int typeBits(char type) {
        return switch (type) {
            case 'd' -> Stat.S_IFDIR;
            case 'l' -> Stat.S_IFLNK;
            case 'p' -> Stat.S_IFIFO;
            case 's' -> Stat.S_IFSOCK;
            case 'c' -> Stat.S_IFCHR;
            case 'b' -> Stat.S_IFBLK;
            default -> Stat.S_IFREG;
        };
    }
}
