package org.lanfree.fs.mount;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * The mounted view as a {@code java.nio.file} file system ({@code lanfree://NAME/CLIENT/BACKUP/...}),
 * for code that browses backups without FUSE. Read-only; symlinks inside a backup are followed
 * when relative, as the kernel would follow them under a mount point.
 */
public final class BackupFileSystem extends FileSystem {

    private static final int MAX_LINKS = 40;

    private final BackupFileSystemProvider provider;
    private final String name;
    private final MountedView view;
    private final FileContent content;
    private final Runnable onClose;
    private volatile boolean open = true;

    BackupFileSystem(BackupFileSystemProvider provider, String name, MountedView view, FileContent content,
                     Runnable onClose) {
        this.provider = provider;
        this.name = name;
        this.view = view;
        this.content = content;
        this.onClose = onClose;
    }

    String name() {
        return name;
    }

    FileContent content() {
        return content;
    }

    /** The node at {@code path}; intermediate symlinks are followed, the last one only when {@code follow}. */
    Node node(BackupPath path, boolean follow) throws IOException {
        if (!open) {
            throw new java.nio.file.ClosedFileSystemException();
        }
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(
                ((BackupPath) path.toAbsolutePath()).names()));
        java.util.ArrayList<String> at = new java.util.ArrayList<>();
        int links = 0;
        try {
            Node node = view.resolve("/");
            while (!todo.isEmpty()) {
                String part = todo.removeFirst();
                if (part.equals(".")) {
                    continue;
                }
                if (part.equals("..")) {
                    if (!at.isEmpty()) {
                        at.removeLast();
                    }
                    node = view.resolve("/" + String.join("/", at));
                    continue;
                }
                at.add(part);
                node = view.resolve("/" + String.join("/", at));
                if (node == null) {
                    throw new NoSuchFileException(path.toString());
                }
                if (node.type() == 'l' && (follow || !todo.isEmpty())) {
                    if (++links > MAX_LINKS) {
                        throw new java.nio.file.FileSystemLoopException(path.toString());
                    }
                    String target = new String(node.linkTarget(), java.nio.charset.StandardCharsets.UTF_8);
                    if (target.startsWith("/")) {
                        throw new NoSuchFileException(path.toString(), null, "absolute symlink " + target
                                + " points outside the backup");
                    }
                    at.removeLast();
                    List<String> parts = List.of(target.split("/"));
                    for (int i = parts.size() - 1; i >= 0; i--) {
                        if (!parts.get(i).isEmpty()) {
                            todo.addFirst(parts.get(i));
                        }
                    }
                    node = view.resolve("/" + String.join("/", at));
                }
            }
            if (node == null) {
                throw new NoSuchFileException(path.toString());
            }
            return node;
        } catch (SQLException e) {
            throw new IOException("the catalog does not answer for " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public BackupFileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() throws IOException {
        if (open) {
            open = false;
            onClose.run();
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(BackupPath.parse(this, "/"));
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic", "posix");
    }

    @Override
    public Path getPath(String first, String... more) {
        StringBuilder text = new StringBuilder(first);
        for (String m : more) {
            text.append('/').append(m);
        }
        return BackupPath.parse(this, text.toString());
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher local = FileSystems.getDefault().getPathMatcher(syntaxAndPattern);
        return p -> local.matches(Path.of(p.toString()));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("backups keep numeric owners only");
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("a backup never changes: there is nothing to watch");
    }
}
