package org.lanfree.fs.tree;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.lanfree.fs.posix.ByteString;

/**
 * The parent backup's fingerprints, taken in any order (the catalog lists them by folder, then
 * name) and given back in {@link TreeOrder}, as {@link ChangeDetector} needs them. An external
 * merge sort: fingerprints are gathered into runs of about {@link #RUN_BYTES} of heap, each sorted
 * and written to a temporary file, then merged {@link #FAN_IN} runs at a time, so the heap stays
 * fixed whatever the tree. {@link #close} deletes the files.
 *
 * <pre>
 * try (PreviousTree previous = new PreviousTree()) {
 *     for (each record the media server sends) previous.add(fingerprint);
 *     archiver.archive(root, previous.inTreeOrder(), out);
 * }
 * </pre>
 */
public final class PreviousTree implements AutoCloseable {

    static final long RUN_BYTES = 4L << 20;
    static final int FAN_IN = 32;
    /** What a fingerprint costs on the heap besides its path's bytes (objects and references). */
    private static final int OVERHEAD = 128;
    private static final Comparator<Fingerprint> ORDER = (a, b) -> TreeOrder.INSTANCE.compare(a.path(), b.path());

    private final Path dir;
    private final long runBytes;
    private final int fanIn;
    private final List<Fingerprint> gathered = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private final List<RunReader> open = new ArrayList<>();
    private long gatheredBytes;
    private long count;
    private int files;
    private boolean sorting;

    /** Spools to a new folder under {@code java.io.tmpdir}. */
    public PreviousTree() throws IOException {
        this(Path.of(System.getProperty("java.io.tmpdir")), RUN_BYTES, FAN_IN);
    }

    PreviousTree(Path tempParent, long runBytes, int fanIn) throws IOException {
        this.dir = Files.createTempDirectory(tempParent, "lanfree-previous-tree-");
        this.runBytes = runBytes;
        this.fanIn = fanIn;
    }

    public void add(Fingerprint f) throws IOException {
        if (sorting) {
            throw new IllegalStateException("fingerprint " + f.path() + " added after inTreeOrder() was called");
        }
        gathered.add(f);
        count++;
        gatheredBytes += f.path().length() + OVERHEAD;
        if (gatheredBytes >= runBytes) {
            spill();
        }
    }

    /** How many fingerprints were added. */
    public long size() {
        return count;
    }

    /** Every fingerprint added, in tree order; call once, after the last {@link #add}. */
    public Iterator<Fingerprint> inTreeOrder() throws IOException {
        if (sorting) {
            throw new IllegalStateException("inTreeOrder() was already called");
        }
        sorting = true;
        if (runs.isEmpty()) {
            gathered.sort(ORDER);
            return gathered.iterator();
        }
        spill();
        while (runs.size() > fanIn) {
            List<Path> next = new ArrayList<>();
            for (int i = 0; i < runs.size(); i += fanIn) {
                List<Path> group = runs.subList(i, Math.min(runs.size(), i + fanIn));
                next.add(group.size() == 1 ? group.getFirst() : mergeToFile(group));
            }
            runs.clear();
            runs.addAll(next);
        }
        return merge(runs);
    }

    /** Sorts what was gathered into a run file. */
    private void spill() throws IOException {
        if (gathered.isEmpty()) {
            return;
        }
        gathered.sort(ORDER);
        Path run = newFile();
        try (DataOutputStream out = output(run)) {
            for (Fingerprint f : gathered) {
                write(out, f);
            }
        }
        runs.add(run);
        gathered.clear();
        gatheredBytes = 0;
    }

    private Path mergeToFile(List<Path> group) throws IOException {
        Path merged = newFile();
        try (DataOutputStream out = output(merged)) {
            Iterator<Fingerprint> it = merge(group);
            while (it.hasNext()) {
                write(out, it.next());
            }
        }
        for (Path p : group) {
            Files.delete(p);
        }
        return merged;
    }

    /** A k-way merge of sorted runs; each run's file stays open until it is read to its end. */
    private Iterator<Fingerprint> merge(List<Path> sources) throws IOException {
        PriorityQueue<RunReader> heads = new PriorityQueue<>((a, b) -> ORDER.compare(a.head, b.head));
        for (Path p : sources) {
            RunReader r = new RunReader(p);
            open.add(r);
            if (r.advance()) {
                heads.add(r);
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public Fingerprint next() {
                RunReader r = heads.poll();
                if (r == null) {
                    throw new NoSuchElementException();
                }
                Fingerprint f = r.head;
                try {
                    if (r.advance()) {
                        heads.add(r);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("reading the previous backup's spooled fingerprints failed: "
                            + e.getMessage() + "; HINT: check the space in " + dir, e);
                }
                return f;
            }
        };
    }

    private Path newFile() {
        return dir.resolve("run-" + files++);
    }

    private static DataOutputStream output(Path p) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(p), 64 * 1024));
    }

    private static void write(DataOutputStream out, Fingerprint f) throws IOException {
        out.writeInt(f.path().length());
        out.write(f.path().toByteArray());
        out.writeLong(f.size());
        out.writeLong(f.mtimeNs());
        out.writeLong(f.ctimeNs());
        out.writeLong(f.inode());
        out.writeInt(f.mode());
        out.writeLong(f.uid());
        out.writeLong(f.gid());
    }

    /** One sorted run being read; {@link #head} is its next fingerprint. */
    private static final class RunReader implements AutoCloseable {
        private final DataInputStream in;
        Fingerprint head;

        RunReader(Path p) throws IOException {
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(p), 64 * 1024));
        }

        boolean advance() throws IOException {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException end) {
                head = null;
                in.close();
                return false;
            }
            byte[] path = in.readNBytes(length);
            if (path.length < length) {
                throw new EOFException("spooled fingerprint cut short");
            }
            head = new Fingerprint(ByteString.of(path), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readInt(), in.readLong(), in.readLong());
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (RunReader r : open) {
            try {
                r.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        gathered.clear();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
        if (failure != null) {
            throw failure;
        }
    }
}
