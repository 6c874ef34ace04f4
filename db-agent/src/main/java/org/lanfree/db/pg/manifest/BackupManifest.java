package org.lanfree.db.pg.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.lanfree.db.pg.wal.Lsn;

/**
 * A parsed {@code backup_manifest}: format version 1 (PostgreSQL 13-16) or 2 (17+, with the
 * system identifier).
 *
 * @param version          PostgreSQL-Backup-Manifest-Version
 * @param systemIdentifier System-Identifier, or null before version 2
 * @param files            the files of the backup
 * @param walRanges        the WAL the backup needs
 * @param checksum         Manifest-Checksum (SHA-256 of the text before its last line), hex
 */
public record BackupManifest(int version, String systemIdentifier, List<FileEntry> files, List<WalRange> walRanges,
                             String checksum) {

    /** One file; {@code checksum} is hex, null when the backup was taken without file checksums. */
    public record FileEntry(String path, long size, String algorithm, String checksum) { }

    public record WalRange(int timeline, Lsn start, Lsn end) { }

    /** Parses the manifest text; fails naming the field that is missing or malformed. */
    public static BackupManifest parse(byte[] text) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("backup_manifest is not valid JSON: " + e.getMessage(), e);
        }
        int version = required(root, "PostgreSQL-Backup-Manifest-Version").asInt();
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("backup_manifest has version " + version + ", expected 1 or 2");
        }
        JsonNode sysid = root.get("System-Identifier");
        List<FileEntry> files = new ArrayList<>();
        for (JsonNode f : required(root, "Files")) {
            String path = f.has("Path") ? f.get("Path").asText()
                    : new String(HexFormat.of().parseHex(required(f, "Encoded-Path").asText()), StandardCharsets.UTF_8);
            files.add(new FileEntry(path, required(f, "Size").asLong(),
                    f.has("Checksum-Algorithm") ? f.get("Checksum-Algorithm").asText() : null,
                    f.has("Checksum") ? f.get("Checksum").asText() : null));
        }
        List<WalRange> ranges = new ArrayList<>();
        for (JsonNode r : required(root, "WAL-Ranges")) {
            ranges.add(new WalRange(required(r, "Timeline").asInt(), Lsn.valueOf(required(r, "Start-LSN").asText()),
                    Lsn.valueOf(required(r, "End-LSN").asText())));
        }
        return new BackupManifest(version, sysid == null ? null : sysid.asText(), files, ranges,
                required(root, "Manifest-Checksum").asText());
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("backup_manifest has no field '" + field + "' where one is required");
        }
        return v;
    }
}
