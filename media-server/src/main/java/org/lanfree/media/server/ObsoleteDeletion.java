package org.lanfree.media.server;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.lanfree.media.catalog.Cartridge;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.catalog.Expired;
import org.lanfree.media.catalog.Obsolete;
import org.lanfree.media.catalog.ObsoleteWal;
import org.lanfree.media.vtl.Barcode;
import org.lanfree.media.vtl.CartridgeInfo;
import org.lanfree.media.vtl.TapeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code delete.obsolete}: expires what retention allows ({@code Retention.expireObsolete}, which
 * never expires a full a live incremental needs, nor WAL inside a recovery window), then returns
 * each cartridge left without live data to scratch: erased in the library first, then emptied in
 * the catalog, so the catalog never calls a cartridge scratch while it still holds tape files.
 *
 * <pre>
 * delete.obsolete {dryRun} → {dryRun, backups: [OBSOLETE...], wal: [WAL...], cartridges: [barcode...],
 *                             skipped: [{barcode, reason}]}
 * </pre>
 *
 * With {@code dryRun} the reply is {@code report.obsolete}'s forecast. A cartridge in a drive or
 * outside the library is skipped with the reason; a later run returns it.
 */
final class ObsoleteDeletion {

    private static final Logger log = LoggerFactory.getLogger(ObsoleteDeletion.class);

    private final Catalog catalog;
    private final TapeLibrary library;
    private final Object robot;
    private final RetentionReports reports;

    /** {@code robot} is the lock every robot move of this server holds. */
    ObsoleteDeletion(Catalog catalog, TapeLibrary library, Object robot) {
        this.catalog = catalog;
        this.library = library;
        this.robot = robot;
        this.reports = new RetentionReports(catalog);
    }

    ObjectNode run(boolean dryRun) throws IOException {
        synchronized (robot) {
            if (dryRun) {
                ObjectNode forecast = AdminProtocol.JSON.createObjectNode().put("dryRun", true);
                forecast.setAll(reports.obsolete());
                forecast.putArray("skipped");
                return forecast;
            }
            List<Obsolete> before = catalog.retention().obsolete();
            List<ObsoleteWal> walBefore = catalog.retention().obsoleteWal();
            Expired expired = catalog.retention().expireObsolete();
            ObjectNode out = AdminProtocol.JSON.createObjectNode().put("dryRun", false);
            RetentionReports.backups(out.putArray("backups"), before, expired.backupIds());
            RetentionReports.wal(out.putArray("wal"), walBefore, expired.walRangeIds());
            ArrayNode scratched = out.putArray("cartridges");
            ArrayNode skipped = out.putArray("skipped");
            for (Cartridge c : catalog.cartridges().recyclable()) {
                String refusal = recycle(c);
                if (refusal == null) {
                    scratched.add(c.barcode());
                } else {
                    skipped.addObject().put("barcode", c.barcode()).put("reason", refusal);
                }
            }
            return out;
        }
    }

    /** Returns the cartridge to scratch; null when done, else why it stays. */
    private String recycle(Cartridge c) throws IOException {
        Barcode barcode = Barcode.valueOf(c.barcode());
        Optional<CartridgeInfo> inside = library.cartridges().stream().filter(i -> i.barcode().equals(barcode))
                .findFirst();
        if (inside.isEmpty() || inside.get().location() == null) {
            return "cartridge " + barcode + " holds only expired data but is not in the library (" + c.location()
                    + "), so it cannot be erased. HINT: import it with 'lanfree tape import " + barcode
                    + "' and run delete obsolete again";
        }
        if (inside.get().location().isDrive()) {
            return "cartridge " + barcode + " holds only expired data but is loaded in " + inside.get().location()
                    + ". HINT: unload it with 'lanfree tape unload' and run delete obsolete again";
        }
        library.returnToScratch(barcode);
        catalog.cartridges().returnToScratch(c.barcode());
        log.info("retention: {} returned from pool {} to scratch, its {} tape files erased", barcode, c.pool(),
                c.tapeFiles());
        return null;
    }
}
