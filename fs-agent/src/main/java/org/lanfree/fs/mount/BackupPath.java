package org.lanfree.fs.mount;

import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A path of a {@link BackupFileSystem}: shown names joined by {@code /}, absolute when it starts with one. */
final class BackupPath implements Path {

    private final BackupFileSystem fs;
    private final boolean absolute;
    private final String[] names;

    BackupPath(BackupFileSystem fs, boolean absolute, String[] names) {
        this.fs = fs;
        this.absolute = absolute;
        this.names = names;
    }

    static BackupPath parse(BackupFileSystem fs, String text) {
        List<String> parts = new ArrayList<>();
        for (String p : text.split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return new BackupPath(fs, text.startsWith("/"), parts.toArray(String[]::new));
    }

    String[] names() {
        return names.clone();
    }

    private static BackupPath of(Path other) {
        if (!(other instanceof BackupPath p)) {
            throw new ProviderMismatchException("expected a lanfree: path, got " + other + " of "
                    + (other == null ? "null" : other.getFileSystem().provider()));
        }
        return p;
    }

    @Override
    public BackupFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return absolute;
    }

    @Override
    public Path getRoot() {
        return absolute ? new BackupPath(fs, true, new String[0]) : null;
    }

    @Override
    public Path getFileName() {
        return names.length == 0 ? null : new BackupPath(fs, false, new String[] {names[names.length - 1]});
    }

    @Override
    public Path getParent() {
        if (names.length == 0 || (names.length == 1 && !absolute)) {
            return names.length == 1 && absolute ? getRoot() : null;
        }
        return new BackupPath(fs, absolute, Arrays.copyOf(names, names.length - 1));
    }

    @Override
    public int getNameCount() {
        return names.length;
    }

    @Override
    public Path getName(int index) {
        return new BackupPath(fs, false, new String[] {names[index]});
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return new BackupPath(fs, false, Arrays.copyOfRange(names, beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        BackupPath o = of(other);
        return o.absolute == absolute && o.names.length <= names.length
                && Arrays.equals(names, 0, o.names.length, o.names, 0, o.names.length);
    }

    @Override
    public boolean endsWith(Path other) {
        BackupPath o = of(other);
        if (o.absolute) {
            return equals(o);
        }
        int from = names.length - o.names.length;
        return from >= 0 && Arrays.equals(names, from, names.length, o.names, 0, o.names.length);
    }

    @Override
    public Path normalize() {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n.equals(".")) {
                continue;
            }
            if (n.equals("..") && !out.isEmpty() && !out.getLast().equals("..")) {
                out.removeLast();
            } else if (!(n.equals("..") && absolute)) {
                out.add(n);
            }
        }
        return new BackupPath(fs, absolute, out.toArray(String[]::new));
    }

    @Override
    public Path resolve(Path other) {
        BackupPath o = of(other);
        if (o.absolute) {
            return o;
        }
        String[] joined = Arrays.copyOf(names, names.length + o.names.length);
        System.arraycopy(o.names, 0, joined, names.length, o.names.length);
        return new BackupPath(fs, absolute, joined);
    }

    @Override
    public Path relativize(Path other) {
        BackupPath o = of(other);
        if (o.absolute != absolute) {
            throw new IllegalArgumentException("cannot relativize " + other + " against " + this
                    + ": expected both absolute or both relative");
        }
        int common = 0;
        while (common < names.length && common < o.names.length && names[common].equals(o.names[common])) {
            common++;
        }
        List<String> out = new ArrayList<>();
        for (int i = common; i < names.length; i++) {
            out.add("..");
        }
        out.addAll(Arrays.asList(o.names).subList(common, o.names.length));
        return new BackupPath(fs, false, out.toArray(String[]::new));
    }

    @Override
    public URI toUri() {
        return URI.create(BackupFileSystemProvider.SCHEME + "://" + fs.name()
                + toAbsolutePath().toString().replace("%", "%25").replace(" ", "%20"));
    }

    @Override
    public Path toAbsolutePath() {
        return absolute ? this : new BackupPath(fs, true, names);
    }

    @Override
    public Path toRealPath(LinkOption... options) throws java.io.IOException {
        Path abs = toAbsolutePath().normalize();
        fs.provider().checkAccess(abs);
        return abs;
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("a backup never changes: there is nothing to watch");
    }

    @Override
    public int compareTo(Path other) {
        return toString().compareTo(of(other).toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackupPath p && p.fs == fs && p.absolute == absolute && Arrays.equals(p.names, names);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(names) * 31 + (absolute ? 1 : 0);
    }

    @Override
    public String toString() {
        String joined = String.join("/", names);
        return absolute ? "/" + joined : joined;
    }
}
