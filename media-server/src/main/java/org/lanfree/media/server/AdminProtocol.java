package org.lanfree.media.server;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.lanfree.media.catalog.BackupLevel;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.Client;
import org.lanfree.media.catalog.Job;
import org.lanfree.media.catalog.JobState;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The admin connection's requests and replies, after {@code Authenticator} (role ADMIN to
 * MEDIA_SERVER). Each AdminRequest carries one JSON object; the server answers each with one
 * AdminReply.
 *
 * <pre>
 * request = {"op": OP, ...arguments}
 * reply   = {"ok": true, "result": {...}} | {"ok": false, "reason": WORD, "error": TEXT}
 * OP      = "ping" | "tape.status" | "list.tapes" | "list.jobs" {all}
 *         | "tape.label" {barcode, pool, force} | "tape.load" {barcode, drive?}
 *         | "tape.unload" {drive} | "tape.import" {barcode} | "tape.export" {barcode, remove}
 *         | the operator's catalog commands ({@link OperatorCommands})
 *         | "client.add" {name, host, port} | "backup.fs" {client, path, level} | "job" {id}
 *         | "restore.fs" {backup, target, paths, force, client?} ({@link TreeSessions})
 * </pre>
 */
final class AdminProtocol {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<JobState> PENDING = EnumSet.of(JobState.QUEUED, JobState.RUNNING, JobState.WAITING);

    private final String server;
    private final TapeOperations tapes;
    private final Catalog catalog;
    private final OperatorCommands operators;
    private final TreeSessions trees;

    AdminProtocol(String server, TapeOperations tapes, Catalog catalog, OperatorCommands operators,
            TreeSessions trees) {
        this.server = server;
        this.trees = trees;
        this.tapes = tapes;
        this.catalog = catalog;
        this.operators = operators;
    }

    /** Answers one request; never throws for a refused or malformed request. */
    String answer(String requestJson) throws IOException {
        ObjectNode reply = JSON.createObjectNode();
        try {
            JsonNode request = parse(requestJson);
            reply.put("ok", true).set("result", run(request));
        } catch (AdminException e) {
            failed(reply, e);
        } catch (IOException | RuntimeException e) {
            AdminException refusal = TapeOperations.refusal(e);
            if (refusal == null) {
                throw e;
            }
            failed(reply, refusal);
        }
        return JSON.writeValueAsString(reply);
    }

    private static void failed(ObjectNode reply, AdminException e) {
        reply.removeAll();
        reply.put("ok", false).put("reason", e.reason()).put("error", e.getMessage());
    }

    private JsonNode run(JsonNode request) throws IOException {
        String op = text(request, "op");
        return switch (op) {
            case "ping" -> JSON.createObjectNode().put("server", server);
            case "tape.status" -> tapes.status();
            case "list.tapes" -> tapes.listTapes();
            case "list.jobs" -> jobs(request.path("all").asBoolean(false));
            case "tape.label" -> tapes.label(text(request, "barcode"), text(request, "pool"),
                    request.path("force").asBoolean(false));
            case "tape.load" -> tapes.load(text(request, "barcode"),
                    request.hasNonNull("drive") ? request.get("drive").asInt() : null);
            case "tape.unload" -> tapes.unload(number(request, "drive"));
            case "tape.import" -> tapes.importCartridge(text(request, "barcode"));
            case "tape.export" -> tapes.exportCartridge(text(request, "barcode"), request.path("remove").asBoolean(false));
            case "list.backups" -> operators.listBackups(request);
            case "list.files" -> operators.listFiles(request);
            case "report.need-backup" -> operators.needBackup();
            case "report.obsolete" -> operators.obsolete();
            case "crosscheck" -> operators.crosscheck(request);
            case "delete.obsolete" -> operators.deleteObsolete(request);
            case "client.add" -> addClient(text(request, "name"), text(request, "host"), number(request, "port"));
            case "backup.fs" -> trees.startBackup(text(request, "client"), text(request, "path"),
                    level(request.path("level").asText("full")));
            case "restore.fs" -> trees.startRestore(number(request, "backup"),
                    request.hasNonNull("client") ? request.get("client").asText() : null, text(request, "target"),
                    strings(request.path("paths")), request.path("force").asBoolean(false));
            case "job" -> job(number(request, "id"));
            default -> throw new AdminException("BAD_REQUEST", "operation '" + op + "' is unknown to media server "
                    + server + "; expected one of ping, tape.status, tape.label, tape.load, tape.unload, tape.import,"
                    + " tape.export, list.tapes, list.jobs, list.backups, list.files, report.need-backup,"
                    + " report.obsolete, crosscheck, delete.obsolete, client.add, backup.fs, restore.fs, job. HINT: run the"
                    + " same lanfree version as the server");
        };
    }

    /** Jobs queued, running or waiting (every job with {@code all}), oldest first. */
    private ObjectNode jobs(boolean all) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("jobs");
        for (Job j : catalog.jobs().list(all ? Set.of() : PENDING)) {
            list.addObject().put("id", j.id()).put("kind", j.kind().code()).put("state", j.state().code())
                    .put("clientId", j.clientId()).put("datasetId", j.datasetId()).put("backupId", j.backupId())
                    .put("claimedBy", j.claimedBy()).put("queuedAt", String.valueOf(j.queuedAt()))
                    .put("endedAt", j.endedAt() == null ? null : j.endedAt().toString())
                    .put("bytesDone", j.bytesDone()).put("mountRequest", j.mountRequest())
                    .put("error", j.error());
        }
        return out;
    }

    /** One job with its progress: what the operator's {@code backup} and {@code restore} follow. */
    private ObjectNode job(long id) {
        Job j = catalog.jobs().get(id).orElseThrow(() -> new AdminException("BAD_REQUEST", "job " + id
                + " is not in the catalog; HINT: 'lanfree list jobs --all' lists them"));
        return JSON.createObjectNode().put("id", j.id()).put("kind", j.kind().code()).put("state", j.state().code())
                .put("backupId", j.backupId()).put("bytesDone", j.bytesDone()).put("bytesTotal", j.bytesTotal())
                .put("filesDone", j.filesDone()).put("mountRequest", j.mountRequest()).put("error", j.error())
                .put("startedAt", j.claimedAt() == null ? null : j.claimedAt().toString())
                .put("endedAt", j.endedAt() == null ? null : j.endedAt().toString());
    }

    private ObjectNode addClient(String name, String host, int port) {
        Client c = catalog.clients().register(name, host, port);
        return JSON.createObjectNode().put("name", c.name()).put("host", c.host()).put("port", c.port());
    }

    private static BackupLevel level(String text) {
        try {
            return BackupLevel.valueOf(text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AdminException("BAD_REQUEST", "level '" + text + "' is not a backup level; expected full or"
                    + " incremental");
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            throw new AdminException("BAD_REQUEST", "request is not JSON: " + e.getOriginalMessage()
                    + "; expected {\"op\": ...}");
        }
        throw new AdminException("BAD_REQUEST", "request is not a JSON object; expected {\"op\": ...}");
    }

    private static String text(JsonNode request, String field) {
        JsonNode v = request.get(field);
        if (v == null || !v.isTextual()) {
            throw new AdminException("BAD_REQUEST", "request field '" + field + "' is " + (v == null ? "missing" : v)
                    + "; expected a string");
        }
        return v.asText();
    }

    private static int number(JsonNode request, String field) {
        JsonNode v = request.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new AdminException("BAD_REQUEST", "request field '" + field + "' is " + (v == null ? "missing" : v)
                    + "; expected a whole number");
        }
        return v.asInt();
    }
}
