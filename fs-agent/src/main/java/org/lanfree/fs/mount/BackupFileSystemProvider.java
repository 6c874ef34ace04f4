package org.lanfree.fs.mount;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.spi.FileSystemProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@code lanfree:} scheme. {@code FileSystems.newFileSystem(URI.create("lanfree://NAME/"), env)}
 * with {@code env} = {@code catalog} ({@link CatalogView}), {@code ranges} ({@link ArchiveRanges})
 * and optionally {@code settings} ({@link MountSettings}) opens the read-only view under
 * {@code NAME}; every change is refused with {@link ReadOnlyFileSystemException}.
 */
public final class BackupFileSystemProvider extends FileSystemProvider {

    public static final String SCHEME = "lanfree";

    private final Map<String, BackupFileSystem> open = new ConcurrentHashMap<>();

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public BackupFileSystem newFileSystem(URI uri, Map<String, ?> env) {
        String name = name(uri);
        if (!(env.get("catalog") instanceof CatalogView catalog) || !(env.get("ranges") instanceof ArchiveRanges ranges)) {
            throw new IllegalArgumentException("env of " + uri + " holds " + env.keySet() + "; expected 'catalog' (a"
                    + " CatalogView) and 'ranges' (an ArchiveRanges)");
        }
        MountSettings settings = env.get("settings") instanceof MountSettings s ? s : MountSettings.defaults();
        ExecutorService fetchers = Executors.newFixedThreadPool(settings.fetchThreads(),
                Thread.ofPlatform().daemon().name("lanfree-fs-fetch-", 0).factory());
        ChunkCache cache = new ChunkCache(ranges, settings.chunkSize(), settings.cacheBytes(), fetchers);
        BackupFileSystem fs = new BackupFileSystem(this, name, new MountedView(catalog, Clock.systemUTC(),
                settings.refresh()), new FileContent(cache, settings.readAheadChunks()), () -> {
                    open.remove(name);
                    fetchers.shutdownNow();
                });
        if (open.putIfAbsent(name, fs) != null) {
            fetchers.shutdownNow();
            throw new java.nio.file.FileSystemAlreadyExistsException(SCHEME + "://" + name);
        }
        return fs;
    }

    @Override
    public BackupFileSystem getFileSystem(URI uri) {
        BackupFileSystem fs = open.get(name(uri));
        if (fs == null) {
            throw new FileSystemNotFoundException(uri + " is not open; open it with FileSystems.newFileSystem(uri, env)");
        }
        return fs;
    }

    @Override
    public Path getPath(URI uri) {
        return getFileSystem(uri).getPath(uri.getPath().isEmpty() ? "/" : uri.getPath());
    }

    private static String name(URI uri) {
        if (!SCHEME.equalsIgnoreCase(uri.getScheme()) || uri.getAuthority() == null) {
            throw new IllegalArgumentException("URI " + uri + ": expected lanfree://NAME/PATH");
        }
        return uri.getAuthority();
    }

    private static BackupPath path(Path p) {
        if (!(p instanceof BackupPath b)) {
            throw new ProviderMismatchException("expected a lanfree: path, got " + p);
        }
        return b;
    }

    private static boolean follow(LinkOption... options) {
        return !Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        for (OpenOption o : options) {
            if (o == StandardOpenOption.WRITE || o == StandardOpenOption.APPEND || o == StandardOpenOption.CREATE
                    || o == StandardOpenOption.CREATE_NEW || o == StandardOpenOption.TRUNCATE_EXISTING
                    || o == StandardOpenOption.DELETE_ON_CLOSE) {
                throw new ReadOnlyFileSystemException();
            }
        }
        BackupPath p = path(path);
        Node node = p.getFileSystem().node(p, !options.contains(LinkOption.NOFOLLOW_LINKS));
        if (node.isDirectory()) {
            throw new java.nio.file.FileSystemException(path.toString(), null, "is a folder");
        }
        return new NodeChannel(node, p.getFileSystem().content());
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        BackupPath p = path(dir);
        Node node = p.getFileSystem().node(p, true);
        if (!node.isDirectory()) {
            throw new NotDirectoryException(dir.toString());
        }
        List<Path> entries = new ArrayList<>();
        for (String name : node.children().keySet().toArray(String[]::new)) {
            Path child = dir.resolve(name);
            if (filter.accept(child)) {
                entries.add(child);
            }
        }
        return new DirectoryStream<>() {
            @Override
            public java.util.Iterator<Path> iterator() {
                return entries.iterator();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        Node node = path(link).getFileSystem().node(path(link), false);
        if (node.type() != 'l') {
            throw new NotLinkException(link.toString());
        }
        return link.getFileSystem().getPath(new String(node.linkTarget(), StandardCharsets.UTF_8));
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void delete(Path path) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        return path.equals(path2) || path(path).toRealPath().equals(path(path2).toRealPath());
    }

    @Override
    public boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) {
        throw new UnsupportedOperationException("a backup has no file store");
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        path(path).getFileSystem().node(path(path), true);
        if (Arrays.asList(modes).contains(AccessMode.WRITE)) {
            throw new ReadOnlyFileSystemException();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        if (type != BasicFileAttributeView.class && type != PosixFileAttributeView.class) {
            return null;
        }
        return (V) new PosixFileAttributeView() {
            @Override
            public String name() {
                return "posix";
            }

            @Override
            public PosixFileAttributes readAttributes() throws IOException {
                return new NodeAttributes(path(path).getFileSystem().node(path(path), follow(options)));
            }

            @Override
            public void setTimes(FileTime m, FileTime a, FileTime c) {
                throw new ReadOnlyFileSystemException();
            }

            @Override
            public void setPermissions(Set<java.nio.file.attribute.PosixFilePermission> perms) {
                throw new ReadOnlyFileSystemException();
            }

            @Override
            public void setGroup(java.nio.file.attribute.GroupPrincipal group) {
                throw new ReadOnlyFileSystemException();
            }

            @Override
            public java.nio.file.attribute.UserPrincipal getOwner() throws IOException {
                return readAttributes().owner();
            }

            @Override
            public void setOwner(java.nio.file.attribute.UserPrincipal owner) {
                throw new ReadOnlyFileSystemException();
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        if (!type.isAssignableFrom(NodeAttributes.class)) {
            throw new UnsupportedOperationException(type.getName() + ": expected BasicFileAttributes or"
                    + " PosixFileAttributes");
        }
        return (A) new NodeAttributes(path(path).getFileSystem().node(path(path), follow(options)));
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        NodeAttributes a = readAttributes(path, NodeAttributes.class, options);
        Map<String, Object> all = new HashMap<>();
        all.put("size", a.size());
        all.put("lastModifiedTime", a.lastModifiedTime());
        all.put("lastAccessTime", a.lastAccessTime());
        all.put("creationTime", a.creationTime());
        all.put("isRegularFile", a.isRegularFile());
        all.put("isDirectory", a.isDirectory());
        all.put("isSymbolicLink", a.isSymbolicLink());
        all.put("isOther", a.isOther());
        all.put("fileKey", null);
        all.put("permissions", a.permissions());
        all.put("owner", a.owner());
        all.put("group", a.group());
        String list = attributes.contains(":") ? attributes.substring(attributes.indexOf(':') + 1) : attributes;
        if (list.equals("*")) {
            return all;
        }
        Map<String, Object> out = new HashMap<>();
        for (String name : list.split(",")) {
            if (!all.containsKey(name)) {
                throw new IllegalArgumentException("attribute '" + name + "' is unknown; expected one of " + all.keySet());
            }
            out.put(name, all.get(name));
        }
        return out;
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void createLink(Path link, Path existing) {
        throw new ReadOnlyFileSystemException();
    }
}
