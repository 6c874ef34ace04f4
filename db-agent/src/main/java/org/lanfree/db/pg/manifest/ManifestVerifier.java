package org.lanfree.db.pg.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.lanfree.db.pg.wal.Lsn;
import org.lanfree.db.pg.wal.WalSegments;

/**
 * Checks a plain data directory against its {@code backup_manifest}, as pg_verifybackup does
 * for the parts it can without PostgreSQL's code: the manifest's own SHA-256; every listed file
 * present with its size and CRC32C or SHA-256; no unlisted files (pg_wal/, backup_manifest,
 * postgresql.auto.conf and the signal files aside); the system identifier of pg_control (and of
 * the manifest from version 2); and for the WAL range, every segment present with each page
 * header naming the right position and system. WAL records themselves are not decoded.
 */
public final class ManifestVerifier {

    private static final Set<String> NOT_LISTED = Set.of("backup_manifest", "postgresql.auto.conf",
            "recovery.signal", "standby.signal");
    private static final int WAL_PAGE = 8192;

    private ManifestVerifier() {
    }

    /** The problems found, each naming the file and what differs; empty when the backup verifies. */
    public static List<String> verify(Path dataDir) {
        List<String> problems = new ArrayList<>();
        byte[] text;
        try {
            text = Files.readAllBytes(dataDir.resolve("backup_manifest"));
        } catch (IOException e) {
            return List.of("cannot read " + dataDir.resolve("backup_manifest") + ": " + e.getMessage());
        }
        checkManifestChecksum(text, problems);
        BackupManifest manifest;
        try {
            manifest = BackupManifest.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return problems;
        }
        Set<String> listed = new HashSet<>();
        for (BackupManifest.FileEntry f : manifest.files()) {
            listed.add(f.path());
            checkFile(dataDir, f, problems);
        }
        checkUnlisted(dataDir, listed, problems);
        long systemId = controlSystemIdentifier(dataDir, problems);
        if (manifest.systemIdentifier() != null && systemId != 0
                && !Long.toUnsignedString(systemId).equals(manifest.systemIdentifier())) {
            problems.add("manifest has System-Identifier " + manifest.systemIdentifier() + " but global/pg_control has "
                    + Long.toUnsignedString(systemId));
        }
        for (BackupManifest.WalRange range : manifest.walRanges()) {
            checkWal(dataDir.resolve("pg_wal"), range, systemId, problems);
        }
        return problems;
    }

    /** SHA-256 of everything before the last line, which holds the checksum itself. */
    private static void checkManifestChecksum(byte[] text, List<String> problems) {
        int last = text.length - 1;
        if (last < 0 || text[last] != '\n') {
            problems.add("backup_manifest does not end with a newline");
            return;
        }
        int penultimate = last - 1;
        while (penultimate >= 0 && text[penultimate] != '\n') {
            penultimate--;
        }
        if (penultimate < 0) {
            problems.add("backup_manifest has a single line; expected the checksum on a line of its own");
            return;
        }
        String lastLine = new String(text, penultimate + 1, last - penultimate - 1, StandardCharsets.UTF_8);
        String actual = HexFormat.of().formatHex(sha256().digest(Arrays.copyOf(text, penultimate + 1)));
        if (!lastLine.contains("\"Manifest-Checksum\"") || !lastLine.contains("\"" + actual + "\"")) {
            problems.add("backup_manifest checksum mismatch: its last line is " + lastLine + ", the text hashes to "
                    + actual);
        }
    }

    private static void checkFile(Path dataDir, BackupManifest.FileEntry f, List<String> problems) {
        Path p = dataDir.resolve(f.path());
        if (!Files.isRegularFile(p)) {
            problems.add("\"" + f.path() + "\" is in the manifest but not on disk");
            return;
        }
        try {
            long size = Files.size(p);
            if (size != f.size()) {
                problems.add("\"" + f.path() + "\" has size " + size + " on disk but size " + f.size() + " in the manifest");
                return;
            }
            if (f.algorithm() == null || f.checksum() == null) {
                return;
            }
            String actual = checksum(p, f.algorithm());
            if (actual == null) {
                problems.add("\"" + f.path() + "\" has checksum algorithm " + f.algorithm()
                        + ", expected CRC32C or SHA256 (others are not checked)");
            } else if (!actual.equalsIgnoreCase(f.checksum())) {
                problems.add("\"" + f.path() + "\" has " + f.algorithm() + " " + actual + " but " + f.checksum()
                        + " in the manifest");
            }
        } catch (IOException e) {
            problems.add("cannot read \"" + f.path() + "\": " + e.getMessage());
        }
    }

    /** CRC32C as PostgreSQL stores it (its four bytes in little-endian order), or SHA256; null for others. */
    private static String checksum(Path p, String algorithm) throws IOException {
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            switch (algorithm) {
                case "CRC32C" -> {
                    CRC32C crc = new CRC32C();
                    for (int n; (n = in.read(buf)) > 0; ) {
                        crc.update(buf, 0, n);
                    }
                    byte[] le = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).array();
                    return HexFormat.of().formatHex(le);
                }
                case "SHA256" -> {
                    MessageDigest md = sha256();
                    for (int n; (n = in.read(buf)) > 0; ) {
                        md.update(buf, 0, n);
                    }
                    return HexFormat.of().formatHex(md.digest());
                }
                default -> {
                    return null;
                }
            }
        }
    }

    private static void checkUnlisted(Path dataDir, Set<String> listed, List<String> problems) {
        try (Stream<Path> all = Files.walk(dataDir)) {
            all.filter(Files::isRegularFile).forEach(p -> {
                String rel = dataDir.relativize(p).toString();
                if (!listed.contains(rel) && !NOT_LISTED.contains(rel) && !rel.startsWith("pg_wal/")) {
                    problems.add("\"" + rel + "\" is on disk but not in the manifest");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** ControlFileData starts with the system identifier (uint64, host byte order: little-endian here). */
    private static long controlSystemIdentifier(Path dataDir, List<String> problems) {
        try (InputStream in = Files.newInputStream(dataDir.resolve("global/pg_control"))) {
            byte[] b = in.readNBytes(8);
            if (b.length == 8) {
                return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
            }
            problems.add("global/pg_control is shorter than 8 bytes");
        } catch (IOException e) {
            problems.add("cannot read global/pg_control: " + e.getMessage());
        }
        return 0;
    }

    /**
     * Every segment from the range's start to its end is present; each page from the first
     * segment's start up to the end has a header whose address is its own position, except a
     * zero tail (what a segment switch leaves); the long header at each segment start names the
     * system, segment size and page size.
     */
    private static void checkWal(Path walDir, BackupManifest.WalRange range, long systemId, List<String> problems) {
        WalSegments segments = segmentSize(walDir, problems);
        if (segments == null) {
            return;
        }
        for (Lsn seg = segments.segmentStart(range.start()); seg.isBefore(range.end()); seg = seg.plus(segments.size())) {
            String name = segments.fileName(range.timeline(), seg);
            try (FileChannel ch = FileChannel.open(walDir.resolve(name))) {
                ByteBuffer header = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
                boolean zeroTail = false;
                for (Lsn page = seg; page.isBefore(range.end()) && page.isBefore(seg.plus(segments.size()));
                     page = page.plus(WAL_PAGE)) {
                    header.clear();
                    ch.read(header, page.minus(seg));
                    long pageAddr = header.getLong(8);
                    boolean zero = pageAddr == 0 && header.getInt(0) == 0;
                    if (zero && !page.equals(seg)) {
                        zeroTail = true; // after a segment switch the server leaves the rest of the segment zero
                    } else if (zeroTail || pageAddr != page.value()) {
                        problems.add("pg_wal/" + name + ": the page at " + page + " says it is at " + new Lsn(pageAddr)
                                + (zeroTail ? " after zero pages" : "") + "; expected its own position"
                                + " (WAL missing or out of place)");
                        return;
                    }
                    if (page.equals(seg)) {
                        checkLongHeader(name, header, systemId, segments, problems);
                    }
                }
            } catch (IOException e) {
                problems.add("WAL segment pg_wal/" + name + " of range " + range.start() + " .. " + range.end()
                        + " on timeline " + range.timeline() + " cannot be read: " + e.getMessage());
                return;
            }
        }
    }

    /** The segment size, from the size of the first segment file in pg_wal. */
    private static WalSegments segmentSize(Path walDir, List<String> problems) {
        try (Stream<Path> files = Files.list(walDir)) {
            Path first = files.filter(p -> p.getFileName().toString().matches("[0-9A-F]{24}")).sorted().findFirst()
                    .orElse(null);
            if (first == null) {
                problems.add("pg_wal holds no WAL segment; the backup needs the WAL of its range");
                return null;
            }
            return new WalSegments(Files.size(first));
        } catch (IOException | IllegalArgumentException e) {
            problems.add("cannot find the WAL segment size in " + walDir + ": " + e.getMessage());
            return null;
        }
    }

    private static void checkLongHeader(String name, ByteBuffer h, long systemId, WalSegments segments,
                                        List<String> problems) {
        long sysid = h.getLong(24);
        int segSize = h.getInt(32);
        int blockSize = h.getInt(36);
        if (systemId != 0 && sysid != systemId) {
            problems.add("pg_wal/" + name + " belongs to system " + Long.toUnsignedString(sysid) + ", expected "
                    + Long.toUnsignedString(systemId));
        }
        if (segSize != segments.size() || blockSize != WAL_PAGE) {
            problems.add("pg_wal/" + name + " declares segment size " + segSize + " and page size " + blockSize
                    + ", expected " + segments.size() + " and " + WAL_PAGE);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
