package org.lanfree.media.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.vtl.Barcode;
import org.lanfree.media.vtl.CartridgeInfo;
import org.lanfree.media.vtl.Section;
import org.lanfree.media.vtl.TapeLibrary;

/** Where a backup lies on tape, as the VTL reader takes it, and which of its cartridges are not in the library. */
final class BackupSections {

    private BackupSections() {
    }

    /** The catalog's sections of backup {@code backupId}, in order (the tape file header names the backup by its id). */
    static List<Section> of(Catalog catalog, long backupId) {
        List<Section> out = new ArrayList<>();
        for (org.lanfree.media.catalog.Section s : catalog.backups().sections(backupId)) {
            var t = s.tapeFile();
            out.add(new Section(Long.toString(backupId), s.sectionNo(), Barcode.valueOf(t.barcode()), t.fileNumber(),
                    t.firstBlock(), t.lastBlock(), t.bytes(), 0));
        }
        return out;
    }

    /** The barcodes of {@code sections} whose cartridge is outside the library (exported or never imported). */
    static Set<String> missingCartridges(TapeLibrary library, List<Section> sections) throws IOException {
        Set<Barcode> inside = new TreeSet<>();
        for (CartridgeInfo c : library.cartridges()) {
            if (c.location() != null) {
                inside.add(c.barcode());
            }
        }
        Set<String> missing = new TreeSet<>();
        for (Section s : sections) {
            if (!inside.contains(s.barcode())) {
                missing.add(s.barcode().toString());
            }
        }
        return missing;
    }
}
