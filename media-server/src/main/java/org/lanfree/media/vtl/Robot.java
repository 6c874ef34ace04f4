package org.lanfree.media.vtl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's robot (SCSI medium changer): moves cartridges between storage slots, drives and
 * import/export slots, refusing what a real changer refuses, and records every move in the
 * library state. A refused move changes nothing. Not thread-safe: {@link TapeLibrary} serialises calls.
 */
final class Robot {

    private static final Logger log = LoggerFactory.getLogger(Robot.class);

    private final LibraryConfig config;
    private final LibraryState state;
    private final Map<Barcode, FileCartridge> cartridges;
    private final List<Drive> drives;

    Robot(LibraryConfig config, LibraryState state, Map<Barcode, FileCartridge> cartridges, List<Drive> drives) {
        this.config = config;
        this.state = state;
        this.cartridges = cartridges;
        this.drives = drives;
    }

    /** Every element: drives, storage slots, import/export slots. */
    List<Element> elements() {
        List<Element> all = new ArrayList<>();
        for (int d = 0; d < config.drives(); d++) {
            all.add(Element.drive(d));
        }
        for (int s = 1; s <= config.slots(); s++) {
            all.add(Element.slot(s));
        }
        for (int i = 0; i < config.importExportSlots(); i++) {
            all.add(Element.importExport(config.slots() + 1 + i));
        }
        return all;
    }

    boolean exists(Element e) {
        return switch (e.type()) {
            case DRIVE -> e.number() < config.drives();
            case SLOT -> e.number() >= 1 && e.number() <= config.slots();
            case IMPORT_EXPORT -> e.number() > config.slots() && e.number() <= config.slots()
                    + config.importExportSlots();
        };
    }

    Element check(Element e) throws RobotException {
        if (!exists(e)) {
            throw new RobotException(RobotException.Reason.NO_SUCH_ELEMENT, e + " does not exist; this library"
                    + " has " + layout() + ". HINT: 'tape status' lists the elements");
        }
        return e;
    }

    String layout() {
        String ie = config.importExportSlots() == 0 ? "no import/export slot"
                : "import/export slots " + (config.slots() + 1) + "-" + (config.slots() + config.importExportSlots());
        return "drives 0-" + (config.drives() - 1) + ", slots 1-" + config.slots() + ", " + ie;
    }

    FileCartridge cartridge(Barcode barcode) throws RobotException {
        FileCartridge c = cartridges.get(barcode);
        if (c == null) {
            throw new RobotException(RobotException.Reason.UNKNOWN_BARCODE, "barcode " + barcode + " is not in"
                    + " the library, which holds " + cartridges.size() + " cartridges " + barcodeRange()
                    + ". HINT: insert it and import it, or check the barcode");
        }
        return c;
    }

    private String barcodeRange() {
        return cartridges.keySet().stream().sorted().map(Barcode::toString).reduce((a, b) -> a + ", " + b)
                .map(s -> "(" + (s.length() > 120 ? s.substring(0, 117) + "..." : s) + ")").orElse("");
    }

    Element place(Barcode barcode) throws RobotException {
        cartridge(barcode);
        return state.place(barcode).orElseThrow();
    }

    /** Fails when the cartridge is in a drive: {@code what} needs it out of the drive. */
    void checkNotLoaded(Barcode barcode, String what) throws RobotException {
        Element at = place(barcode);
        if (at.isDrive()) {
            throw new RobotException(RobotException.Reason.ALREADY_LOADED, "cartridge " + barcode + " is loaded"
                    + " in " + at + ": cannot " + what + "; HINT: unload " + at + " first");
        }
    }

    Optional<Barcode> at(Element e) {
        return state.at(e);
    }

    /** MOVE MEDIUM: the cartridge in {@code from} to the empty {@code to}. */
    void move(Element from, Element to) throws IOException {
        check(from);
        check(to);
        Barcode barcode = state.at(from).orElseThrow(() -> new RobotException(
                RobotException.Reason.SOURCE_EMPTY, from + " is empty, nothing to move to " + to
                + "; HINT: 'tape status' shows where the cartridges are"));
        Optional<Barcode> there = state.at(to);
        if (there.isPresent()) {
            String hint = to.isDrive() ? "unload " + to + " first" : to.type() == Element.Type.SLOT
                    ? "choose an empty storage slot" : "choose an empty import/export slot";
            throw new RobotException(RobotException.Reason.DESTINATION_FULL, to + " already holds " + there.get()
                    + ", cannot move " + barcode + " from " + from + " there; HINT: " + hint);
        }
        FileCartridge c = cartridges.get(barcode);
        if (from.isDrive()) {
            drives.get(from.number()).eject();
        }
        if (to.isDrive()) {
            drives.get(to.number()).insert(c);
        }
        state.move(from, to);
        state.save();
        log.info("library: moved {} from {} to {}", barcode, from, to);
    }

    /** The empty storage slot {@code preferred} if given and empty, else the lowest empty one. */
    Element freeSlot(Integer preferred, String why) throws RobotException {
        if (preferred != null && exists(Element.slot(preferred)) && state.at(Element.slot(preferred)).isEmpty()) {
            return Element.slot(preferred);
        }
        for (int s = 1; s <= config.slots(); s++) {
            if (state.at(Element.slot(s)).isEmpty()) {
                return Element.slot(s);
            }
        }
        throw new RobotException(RobotException.Reason.NO_FREE_SLOT, "all " + config.slots() + " storage slots"
                + " are full, cannot " + why + "; HINT: export cartridges that are not needed in the library");
    }

    Element freeImportExport(String why) throws RobotException {
        for (int i = 1; i <= config.importExportSlots(); i++) {
            Element e = Element.importExport(config.slots() + i);
            if (state.at(e).isEmpty()) {
                return e;
            }
        }
        throw new RobotException(RobotException.Reason.NO_FREE_SLOT, "all " + config.importExportSlots()
                + " import/export slots are full, cannot " + why + "; HINT: remove the cartridges waiting there,"
                + " or import them");
    }

    Optional<Integer> home(int drive) {
        return state.home(drive);
    }

    /** A cartridge that arrives in {@code e} from outside the library (inserted by the operator). */
    void arrive(Element e, FileCartridge c) throws IOException {
        cartridges.put(c.barcode(), c);
        state.put(e, c.barcode());
        state.save();
        log.info("library: {} inserted into {}", c.barcode(), e);
    }

    /** The cartridge in {@code e} leaves the library (taken out by the operator). */
    FileCartridge leave(Element e) throws IOException {
        Barcode barcode = state.at(e).orElseThrow();
        state.remove(e);
        state.save();
        log.info("library: {} removed from {}", barcode, e);
        return cartridges.remove(barcode);
    }
}
