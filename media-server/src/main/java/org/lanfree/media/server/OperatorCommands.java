package org.lanfree.media.server;

import java.io.IOException;

import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.session.DrivePool;
import org.lanfree.media.vtl.TapeLibrary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The operator's catalog commands on the admin connection, RMAN's list, report, crosscheck and
 * delete obsolete. Commands that move cartridges hold the same lock as the tape commands (one
 * robot).
 *
 * <pre>
 * OP = "list.backups" | "list.files" | "report.need-backup" | "report.obsolete"
 *    | "crosscheck" {backup?} | "delete.obsolete" {dryRun}
 * </pre>
 */
final class OperatorCommands {

    private final BackupListing listing;
    private final RetentionReports reports;
    private final Crosscheck crosscheck;
    private final ObsoleteDeletion deletion;

    OperatorCommands(Catalog catalog, TapeLibrary library, CatalogInventory inventory, TapeOperations robot,
                     DrivePool drives) {
        this.listing = new BackupListing(catalog);
        this.reports = new RetentionReports(catalog);
        this.crosscheck = new Crosscheck(catalog, library, inventory, robot, drives);
        this.deletion = new ObsoleteDeletion(catalog, library, robot);
    }

    ObjectNode listBackups(JsonNode request) {
        return listing.backups(request);
    }

    ObjectNode listFiles(JsonNode request) {
        return listing.files(request);
    }

    ObjectNode needBackup() {
        return reports.needBackup();
    }

    ObjectNode obsolete() {
        return reports.obsolete();
    }

    ObjectNode crosscheck(JsonNode request) throws IOException {
        return crosscheck.run(Requests.optionalNumber(request, "backup"));
    }

    ObjectNode deleteObsolete(JsonNode request) throws IOException {
        return deletion.run(request.path("dryRun").asBoolean(false));
    }
}
