package org.lanfree.fs.archive;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.posix.FileKind;
import org.lanfree.fs.tree.ChangeDetector;
import org.lanfree.fs.tree.Fingerprint;
import org.lanfree.fs.tree.FsEntry;
import org.lanfree.fs.tree.TreeWalker;
import org.lanfree.fs.tree.Visit;
import org.lanfree.fs.tree.WalkOptions;
import org.lanfree.fs.tree.Warnings;

/**
 * Writes a tree as one pax archive: every object the walk finds (or, for an incremental, only
 * those the {@link ChangeDetector} calls added or changed), then the {@code .lanfree/} members:
 * <ul>
 * <li>{@code .lanfree/SHA256SUMS}: {@code sha256sum} lines for every archived regular file, so
 * {@code sha256sum -c} checks a tree GNU tar extracted;</li>
 * <li>{@code .lanfree/WARNINGS}: one line per warning, when there were any;</li>
 * <li>{@code .lanfree/DELETED}: the paths an incremental found deleted, each ended by a NUL.</li>
 * </ul>
 * Each carries the record {@code LANFREE.trailer=1} so a restore tells them from a tree's own
 * {@code .lanfree} folder. Heap use is fixed: the per-file lines are spooled to temporary files.
 */
public final class TreeArchiver {

    static final ByteString TRAILER_DIR = ByteString.of(".lanfree");
    private static final ByteString NUL = ByteString.of(new byte[] {0});

    private final WalkOptions options;
    private final Warnings warnings;
    private final ArchiveListener listener;
    private final OwnerNames owners;
    private final Clock clock;

    public TreeArchiver(WalkOptions options, Warnings warnings, ArchiveListener listener, OwnerNames owners, Clock clock) {
        this.options = options;
        this.warnings = warnings;
        this.listener = listener;
        this.owners = owners;
        this.clock = clock;
    }

    /** A full backup of {@code root} to {@code out} (flushed, not closed). */
    public ArchiveSummary archive(ByteString root, OutputStream out) throws IOException {
        return archive(root, null, out);
    }

    /**
     * A backup of {@code root}: incremental against {@code previous} (the parent backup's
     * fingerprints in tree order), full when it is null.
     */
    public ArchiveSummary archive(ByteString root, Iterator<Fingerprint> previous, OutputStream out) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, 256 * 1024);
        PaxWriter writer = new PaxWriter(buffered);
        MemberFactory members = new MemberFactory(owners);
        Tally tally = new Tally();
        try (Spool sums = new Spool("sha256sums");
             Spool warningLines = new Spool("warnings");
             Spool deletions = new Spool("deleted")) {
            Warnings spooled = (path, problem) -> {
                tally.warnings++;
                warnings.warn(path, problem);
                append(warningLines, ((path.isEmpty() ? "." : path.toString()) + ": " + problem + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            };
            try (FileCopier copier = new FileCopier(writer, spooled, listener, members)) {
                InOrder events = new InOrder(copier::flush);
                ChangeDetector detector = previous == null ? null : new ChangeDetector(previous, gone -> events.add(null, none -> {
                    tally.deleted++;
                    append(deletions, gone.path().concat(NUL).toByteArray());
                    listener.deleted(gone);
                }));
                new TreeWalker(options, spooled).walk(root, visit -> {
                    ChangeDetector.Change change = detector == null ? ChangeDetector.Change.ADDED
                            : detector.classify(visit.entry().fingerprint());
                    if (change != ChangeDetector.Change.UNCHANGED) {
                        write(visit, change, writer, copier, members, sums, tally, events);
                    }
                });
                if (detector != null) {
                    detector.finish();
                }
                copier.flush();
                events.finish();
            }
            long now = clock.millis() * 1_000_000L;
            trailer(writer, ByteString.of("SHA256SUMS"), sums, now);
            if (warningLines.size() > 0) {
                trailer(writer, ByteString.of("WARNINGS"), warningLines, now);
            }
            if (deletions.size() > 0) {
                trailer(writer, ByteString.of("DELETED"), deletions, now);
            }
            writer.finish();
            buffered.flush();
            return new ArchiveSummary(tally.members, tally.files, tally.dataBytes, tally.deleted, tally.warnings,
                    writer.position());
        }
    }

    /** Counts of one backup. */
    private static final class Tally {
        long members;
        long files;
        long dataBytes;
        long deleted;
        long warnings;
    }

    private void write(Visit visit, ChangeDetector.Change change, PaxWriter writer, FileCopier copier,
                       MemberFactory members, Spool sums, Tally tally, InOrder events) throws IOException {
        FsEntry entry = visit.entry();
        if (entry.kind() == FileKind.REGULAR && !entry.isHardLink()) {
            FileCopier.Copied copied = copier.copy(visit);
            if (copied == null) {
                return;
            }
            tally.members++;
            tally.files++;
            tally.dataBytes += copied.member().size();
            events.add(copied.sha256(), sha256 -> {
                append(sums, sumLine(sha256, entry.path()));
                listener.archived(entry, copied.member(), copied.offset(), change, sha256, copied.changedWhileRead());
            });
            return;
        }
        ArchiveEntry member = members.member(entry, entry.stat(), null);
        long offset = writer.position();
        writer.begin(member);
        tally.members++;
        events.add(null, none -> listener.archived(entry, member, offset, change, null, false));
    }

    private static void append(Spool spool, byte[] bytes) {
        try {
            spool.append(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to the temporary spool file failed: " + e.getMessage()
                    + "; HINT: check the space in java.io.tmpdir", e);
        }
    }

    private static void trailer(PaxWriter writer, ByteString name, Spool spool, long mtimeNs) throws IOException {
        ArchiveEntry member = new ArchiveEntry(TRAILER_DIR.resolve(name), EntryType.FILE, 0644, 0, 0, ByteString.of("root"),
                ByteString.of("root"), mtimeNs, spool.size(), null, 0, 0, List.of(), null);
        writer.begin(member, true);
        spool.copyTo(writer);
    }

    /**
     * A {@code sha256sum} line: {@code HEX  PATH}; a path holding a backslash or a newline is
     * escaped ({@code \\}, {@code \n}) and the line starts with a backslash, as coreutils does.
     */
    static byte[] sumLine(byte[] sha256, ByteString path) {
        boolean escape = path.indexOf((byte) '\\', 0) >= 0 || path.indexOf((byte) '\n', 0) >= 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream(path.length() + 70);
        if (escape) {
            line.write('\\');
        }
        line.writeBytes(HexFormat.of().formatHex(sha256).getBytes(StandardCharsets.US_ASCII));
        line.write(' ');
        line.write(' ');
        for (int i = 0; i < path.length(); i++) {
            byte b = path.byteAt(i);
            if (escape && b == '\\') {
                line.write('\\');
                line.write('\\');
            } else if (escape && b == '\n') {
                line.write('\\');
                line.write('n');
            } else {
                line.write(b);
            }
        }
        line.write('\n');
        return line.toByteArray();
    }
}
