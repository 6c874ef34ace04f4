package org.lanfree.media.server;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;

import org.lanfree.media.catalog.Backup;
import org.lanfree.media.catalog.BackupFilter;
import org.lanfree.media.catalog.BackupKind;
import org.lanfree.media.catalog.BackupStatus;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.CatalogException;
import org.lanfree.media.catalog.FileEntry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code list.backups} and {@code list.files}: what the catalog says about backups and the files
 * they hold, without touching tape.
 *
 * <pre>
 * list.backups {client?, since? (ISO instant), statuses? [code...]} → {backups: [BACKUP...]}
 * list.files   {backup, path?, changesOnly?}                         → {backup: BACKUP, files: [FILE...]}
 * BACKUP = {id, client, dataset, kind, level, parentId, status, bytes, storedBytes, files, started, ended,
 *           pool, compression, note}
 * FILE   = {path, pathBase64, validUtf8, type, state, size, mode, uid, gid, mtime, linkTarget,
 *           linkTargetBase64, backupId}
 * </pre>
 */
final class BackupListing {

    private final Catalog catalog;

    BackupListing(Catalog catalog) {
        this.catalog = catalog;
    }

    ObjectNode backups(JsonNode request) {
        String client = Requests.optionalText(request, "client");
        String since = Requests.optionalText(request, "since");
        Set<BackupStatus> statuses = EnumSet.noneOf(BackupStatus.class);
        for (JsonNode s : request.path("statuses")) {
            statuses.add(status(s.asText()));
        }
        BackupFilter filter = new BackupFilter(client, null, null, since == null ? null : instant(since), statuses);
        ObjectNode out = AdminProtocol.JSON.createObjectNode();
        ArrayNode list = out.putArray("backups");
        for (Backup b : catalog.backups().list(filter)) {
            list.add(json(b));
        }
        return out;
    }

    ObjectNode files(JsonNode request) {
        Backup backup = require(catalog, Requests.number(request, "backup"));
        if (backup.kind() != BackupKind.FS) {
            throw new AdminException("NOT_A_FILE_BACKUP", "backup " + backup.id() + " is a " + backup.kind().code()
                    + " backup of " + backup.client() + ":" + backup.dataset() + ", it holds no file entries;"
                    + " expected a file-tree (fs) backup. HINT: 'lanfree list backups' shows each backup's kind");
        }
        String path = Requests.optionalText(request, "path");
        byte[] prefix = path == null ? null : path.getBytes(StandardCharsets.UTF_8);
        ObjectNode out = AdminProtocol.JSON.createObjectNode();
        out.set("backup", json(backup));
        ArrayNode files = out.putArray("files");
        if (request.path("changesOnly").asBoolean(false)) {
            catalog.files().forEach(backup.id(), prefix, e -> files.add(json(e, backup.id())));
        } else {
            catalog.files().forEachInTree(backup.id(), prefix, t -> files.add(json(t.entry(), t.backupId())));
        }
        return out;
    }

    /** The backup {@code id}; an {@code UNKNOWN_BACKUP} refusal when the catalog has none. */
    static Backup require(Catalog catalog, long id) {
        return catalog.backups().get(id).orElseThrow(() -> new AdminException("UNKNOWN_BACKUP", "backup " + id
                + " does not exist in the catalog; expected the id of a backup. HINT: 'lanfree list backups' shows"
                + " the ids"));
    }

    static ObjectNode json(Backup b) {
        return AdminProtocol.JSON.createObjectNode().put("id", b.id()).put("client", b.client())
                .put("dataset", b.dataset()).put("kind", b.kind().code()).put("level", b.level().code())
                .put("parentId", b.parentId()).put("status", b.status().code()).put("bytes", b.bytes())
                .put("storedBytes", b.storedBytes()).put("files", b.files()).put("started", text(b.startedAt()))
                .put("ended", text(b.endedAt())).put("pool", b.pool()).put("compression", b.compression().code())
                .put("note", b.note());
    }

    private static ObjectNode json(FileEntry e, long backupId) {
        ObjectNode row = AdminProtocol.JSON.createObjectNode();
        byte[] path = e.path();
        ByteNames.put(row, "path", path);
        row.put("validUtf8", ByteNames.validUtf8(path));
        row.put("type", String.valueOf(e.type().code())).put("state", e.state().name().toLowerCase())
                .put("size", e.size()).put("mode", String.format("%04o", e.mode() & 07777)).put("uid", e.uid())
                .put("gid", e.gid()).put("mtime", Instant.ofEpochSecond(0, e.mtimeNs()).toString());
        ByteNames.put(row, "linkTarget", e.linkTarget());
        return row.put("backupId", backupId);
    }

    static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    private static BackupStatus status(String code) {
        try {
            return BackupStatus.ofCode(code);
        } catch (CatalogException | IllegalArgumentException e) {
            throw new AdminException("BAD_REQUEST", "backup status '" + code + "' is unknown; expected one of running,"
                    + " good, warnings, failed, damaged, expired");
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new AdminException("BAD_REQUEST", "request field 'since' is '" + text + "'; expected an ISO-8601"
                    + " instant such as 2025-06-01T00:00:00Z");
        }
    }
}
