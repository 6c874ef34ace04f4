package org.lanfree.media.server;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.lanfree.media.catalog.Backup;
import org.lanfree.media.catalog.BackupFilter;
import org.lanfree.media.catalog.BackupStatus;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.session.DrivePool;
import org.lanfree.media.vtl.DamagedBlockException;
import org.lanfree.media.vtl.RobotException;
import org.lanfree.media.vtl.Section;
import org.lanfree.media.vtl.TapeException;
import org.lanfree.media.vtl.TapeFileReader;
import org.lanfree.media.vtl.TapeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code crosscheck}: reads every section of a backup back from its cartridges through the VTL
 * reader (tape file header naming the backup and section, every block's CRC32C, block and byte
 * counts against the catalog) and says per backup:
 *
 * <ul>
 * <li>{@code ok}: every section read back intact;</li>
 * <li>{@code damaged}: a block failed its checksum, or the tape file is not what the catalog
 * says; the backup is marked damaged with a note naming the barcode and block;</li>
 * <li>{@code missing}: a cartridge it lies on is not in the library (or the catalog lists no tape
 * file for it). The status is left alone: the catalog's statuses describe the data, and a
 * cartridge on a shelf is an absence that ends when it is imported, which {@code v_tapes}
 * already shows as location {@code outside}.</li>
 * </ul>
 *
 * <pre>
 * crosscheck {backup?} → {backups: [{id, client, dataset, result, status, barcode, block, record,
 *                         missingBarcodes, bytes, detail}], ok, damaged, missing}
 * </pre>
 *
 * Without {@code backup} it checks every good backup and every one with warnings; with it, that
 * backup, which must be good, warnings or damaged.
 */
final class Crosscheck {

    private static final Logger log = LoggerFactory.getLogger(Crosscheck.class);
    private static final Duration FREE_DRIVE_WAIT = Duration.ofSeconds(10);
    private static final Set<BackupStatus> CHECKABLE = Set.of(BackupStatus.GOOD, BackupStatus.WARNINGS,
            BackupStatus.DAMAGED);

    private final Catalog catalog;
    private final TapeLibrary library;
    private final CatalogInventory inventory;
    private final Object robot;
    private final DrivePool drives;

    /** {@code robot} is the lock every robot move of this server holds. */
    Crosscheck(Catalog catalog, TapeLibrary library, CatalogInventory inventory, Object robot, DrivePool drives) {
        this.drives = drives;
        this.catalog = catalog;
        this.library = library;
        this.inventory = inventory;
        this.robot = robot;
    }

    ObjectNode run(Long backupId) throws IOException {
        List<Backup> targets = targets(backupId);
        ObjectNode out = AdminProtocol.JSON.createObjectNode();
        ArrayNode list = out.putArray("backups");
        int[] counts = new int[3];
        synchronized (robot) {
            for (Backup b : targets) {
                ObjectNode row = check(b);
                list.add(row);
                switch (row.get("result").asText()) {
                    case "ok" -> counts[0]++;
                    case "damaged" -> counts[1]++;
                    default -> counts[2]++;
                }
            }
        }
        log.info("crosscheck: {} backups: {} ok, {} damaged, {} missing", targets.size(), counts[0], counts[1],
                counts[2]);
        return out.put("ok", counts[0]).put("damaged", counts[1]).put("missing", counts[2]);
    }

    private List<Backup> targets(Long backupId) {
        if (backupId == null) {
            return catalog.backups().list(BackupFilter.all().status(BackupStatus.GOOD, BackupStatus.WARNINGS));
        }
        Backup b = BackupListing.require(catalog, backupId);
        if (!CHECKABLE.contains(b.status())) {
            throw new AdminException("BAD_REQUEST", "backup " + b.id() + " is " + b.status().code()
                    + "; crosscheck reads good, warnings and damaged backups. HINT: a running backup is still being"
                    + " written, a failed or expired one has nothing to read");
        }
        return List.of(b);
    }

    private ObjectNode check(Backup b) throws IOException {
        ObjectNode row = AdminProtocol.JSON.createObjectNode().put("id", b.id()).put("client", b.client())
                .put("dataset", b.dataset());
        List<Section> sections = sections(b);
        Set<String> missing = missingCartridges(sections);
        if (sections.isEmpty() || !missing.isEmpty()) {
            ArrayNode barcodes = row.put("result", "missing").put("status", b.status().code()).putArray("missingBarcodes");
            missing.forEach(barcodes::add);
            return row.put("detail", sections.isEmpty() ? "the catalog lists no tape file for backup " + b.id()
                    : "cartridge " + String.join(", ", missing) + " is not in the library. HINT: import it with"
                    + " 'lanfree tape import BARCODE' and run crosscheck again");
        }
        SectionMount mount = new SectionMount(library, inventory, robot, drives, FREE_DRIVE_WAIT, Duration.ZERO,
                "crosscheck");
        try (mount) {
            long bytes = new TapeFileReader(sections, mount::mount).transferTo(OutputStream.nullOutputStream());
            Backup now = catalog.backups().require(b.id());
            return row.put("result", "ok").put("status", now.status().code()).put("bytes", bytes);
        } catch (DamagedBlockException e) {
            row.put("barcode", e.barcode().toString()).put("block", e.address().toString()).put("record", e.record());
            return damaged(b, row, e.getMessage());
        } catch (RobotException e) {
            throw e;
        } catch (TapeException e) {
            Section at = mount.current();
            row.put("barcode", at == null ? null : at.barcode().toString()).putNull("block");
            return damaged(b, row, e.getMessage());
        }
    }

    private ObjectNode damaged(Backup b, ObjectNode row, String problem) {
        String note = "crosscheck: " + problem;
        Backup marked = catalog.backups().markDamaged(b.id(), note);
        log.warn("crosscheck: backup {} of {}:{} is damaged: {}", b.id(), b.client(), b.dataset(), problem);
        return row.put("result", "damaged").put("status", marked.status().code()).put("detail", problem);
    }

    private List<Section> sections(Backup b) {
        return BackupSections.of(catalog, b.id());
    }

    private Set<String> missingCartridges(List<Section> sections) throws IOException {
        return BackupSections.missingCartridges(library, sections);
    }
}
