package org.lanfree.media.vtl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a library's folder into memory. A new folder gets the configured labelled cartridges in
 * slots 1 and up. An existing one has every cartridge opened (which recovers interrupted writes),
 * and {@code library.state} reconciled with what is on disk: an entry for a missing cartridge or
 * an element the configuration no longer has is dropped, and a cartridge in no element is put into
 * the first empty slot; each such repair is logged.
 */
final class LibraryOpener {

    private static final Logger log = LoggerFactory.getLogger(LibraryOpener.class);

    private LibraryOpener() {
    }

    static void open(LibraryConfig config, LibraryState state, Map<Barcode, FileCartridge> cartridges,
            List<Drive> drives) throws IOException {
        Path folder = config.folder();
        Files.createDirectories(folder.resolve(TapeLibrary.CARTRIDGES));
        boolean fresh;
        try (Stream<Path> existing = TapeLibrary.cartridgeFolders(folder)) {
            fresh = !state.exists() && existing.findAny().isEmpty();
        }
        if (fresh) {
            create(config, state, cartridges);
        } else {
            reopen(config, state, cartridges);
        }
        for (Map.Entry<Element, Barcode> e : state.contents().entrySet()) {
            if (e.getKey().isDrive()) {
                drives.get(e.getKey().number()).insert(cartridges.get(e.getValue()));
            }
        }
        state.save();
    }

    private static void create(LibraryConfig config, LibraryState state, Map<Barcode, FileCartridge> cartridges)
            throws IOException {
        Barcode barcode = config.firstBarcode();
        for (int slot = 1; slot <= config.initialCartridges(); slot++) {
            Path dir = config.folder().resolve(TapeLibrary.CARTRIDGES).resolve(barcode.toString());
            FileCartridge c = FileCartridge.create(dir, barcode, config.initialPool(), config.capacity(),
                    config.earlyWarning());
            cartridges.put(barcode, c);
            c.writeLabel(VolumeLabel.of(barcode));
            state.put(Element.slot(slot), barcode);
            if (slot < config.initialCartridges()) {
                barcode = barcode.next();
            }
        }
        log.info("library: created in {} with {} drives, {} slots, {} import/export slots and {} cartridges"
                        + " {}-{} in pool {}", config.folder(), config.drives(), config.slots(),
                config.importExportSlots(), config.initialCartridges(), config.firstBarcode(), barcode,
                config.initialPool());
    }

    private static void reopen(LibraryConfig config, LibraryState state, Map<Barcode, FileCartridge> cartridges)
            throws IOException {
        try (Stream<Path> folders = TapeLibrary.cartridgeFolders(config.folder())) {
            for (Path dir : (Iterable<Path>) folders::iterator) {
                FileCartridge c = FileCartridge.open(dir);
                FileCartridge twin = cartridges.put(c.barcode(), c);
                if (twin != null) {
                    c.close();
                    throw new TapeException(TapeException.Sense.ILLEGAL_REQUEST, "library: folders " + twin.folder()
                            + " and " + dir + " both hold cartridge " + c.barcode() + "; HINT: move one of them"
                            + " out of " + config.folder().resolve(TapeLibrary.CARTRIDGES));
                }
            }
        }
        if (state.exists()) {
            state.load().forEach((key, why) -> log.warn("library: ignoring '{}' in {}: {}", key,
                    LibraryState.FILE, why));
        }
        Robot layout = new Robot(config, state, cartridges, List.of());
        for (Map.Entry<Element, Barcode> e : state.contents().entrySet()) {
            if (!cartridges.containsKey(e.getValue())) {
                log.warn("library: {} listed {} in {}, but its folder is gone; the element is now empty",
                        LibraryState.FILE, e.getValue(), e.getKey());
                state.remove(e.getKey());
            } else if (!layout.exists(e.getKey())) {
                log.warn("library: {} is in {}, which the configuration no longer has ({})", e.getValue(),
                        e.getKey(), layout.layout());
                state.remove(e.getKey());
            }
        }
        for (Barcode b : new TreeSet<>(cartridges.keySet())) {
            if (state.place(b).isEmpty()) {
                Element slot = layout.freeSlot(null, "place " + b + ", found in no element");
                state.put(slot, b);
                log.warn("library: cartridge {} was in no element; placed it in {}", b, slot);
            }
        }
    }
}
