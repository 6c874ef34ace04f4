package org.lanfree.media.vtl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the robot refuses, as a real changer would: each case names the request, the reason and
 * the words the error must say, and the library must be unchanged afterwards. The library has
 * drives 0-1, slots 1-4 and import/export slot 5; LF0001L8 is in slot 1, LF0002L8 in drive 0,
 * LF0003L8 in slot 3, LF0009L8 waits in the import/export slot.
 */
class RobotFailureTest {

    private static final Barcode LF0001 = Barcode.valueOf("LF0001L8");
    private static final Barcode LF0002 = Barcode.valueOf("LF0002L8");
    private static final Barcode LF0003 = Barcode.valueOf("LF0003L8");
    private static final Barcode LF0009 = Barcode.valueOf("LF0009L8");

    @TempDir
    Path tmp;

    private TapeLibrary library;

    @FunctionalInterface
    interface Request {
        void run(TapeLibrary library) throws IOException;
    }

    record Case(Request prepare, Request request, RobotException.Reason reason, String says) {
    }

    @BeforeEach
    void openLibrary() throws IOException {
        library = TapeLibrary.open(Fixtures.smallLibrary(tmp.resolve("vtl"), 4, 3, 4096, 1 << 20, 1 << 19));
        library.load(LF0002, 0);
        library.insert(LF0009);
    }

    @AfterEach
    void closeLibrary() throws IOException {
        library.close();
    }

    static Stream<Arguments> refusals() {
        Request none = lib -> { };
        return Stream.of(
                refusal("load a barcode the library does not hold", none,
                        lib -> lib.load(Barcode.valueOf("LF0099L8"), 1),
                        RobotException.Reason.UNKNOWN_BARCODE, "barcode LF0099L8 is not in the library"),
                refusal("load a cartridge already loaded", none, lib -> lib.load(LF0002, 1),
                        RobotException.Reason.ALREADY_LOADED, "LF0002L8 is already loaded in drive 0"),
                refusal("load into a drive that holds a cartridge", none, lib -> lib.load(LF0001, 0),
                        RobotException.Reason.DESTINATION_FULL, "drive 0 already holds LF0002L8"),
                refusal("load into a drive that does not exist", none, lib -> lib.load(LF0001, 7),
                        RobotException.Reason.NO_SUCH_ELEMENT, "drive 7 does not exist; this library has drives 0-1"),
                refusal("unload an empty drive", none, lib -> lib.unload(1),
                        RobotException.Reason.SOURCE_EMPTY, "drive 1 is empty, nothing to unload"),
                refusal("move from an empty slot", none, lib -> lib.move(Element.slot(2), Element.drive(1)),
                        RobotException.Reason.SOURCE_EMPTY, "slot 2 is empty"),
                refusal("move into a full slot", none, lib -> lib.move(Element.slot(1), Element.slot(3)),
                        RobotException.Reason.DESTINATION_FULL, "slot 3 already holds LF0003L8"),
                refusal("move from a slot that does not exist", none,
                        lib -> lib.move(Element.slot(99), Element.slot(2)),
                        RobotException.Reason.NO_SUCH_ELEMENT, "slot 99 does not exist"),
                refusal("insert a barcode already in the library", none, lib -> lib.insert(LF0001),
                        RobotException.Reason.DUPLICATE_BARCODE, "LF0001L8 is already in the library, in slot 1"),
                refusal("export a loaded cartridge", none, lib -> lib.exportCartridge(LF0002),
                        RobotException.Reason.ALREADY_LOADED, "LF0002L8 is loaded in drive 0: cannot export it"),
                refusal("export with the import/export slot full", none, lib -> lib.exportCartridge(LF0001),
                        RobotException.Reason.NO_FREE_SLOT, "all 1 import/export slots are full"),
                refusal("import a cartridge that is already inside", none, lib -> lib.importCartridge(LF0003),
                        RobotException.Reason.NOT_IN_IMPORT_EXPORT_SLOT, "LF0003L8 is in slot 3, not in an"),
                refusal("remove a cartridge that was not exported", none, lib -> lib.remove(LF0001),
                        RobotException.Reason.NOT_IN_IMPORT_EXPORT_SLOT, "cannot remove it; HINT: export it first"),
                refusal("label a loaded cartridge", none, lib -> lib.label(LF0002, "daily", true),
                        RobotException.Reason.ALREADY_LOADED, "cannot label it; HINT: unload drive 0 first"),
                refusal("return a loaded cartridge to scratch", none, lib -> lib.returnToScratch(LF0002),
                        RobotException.Reason.ALREADY_LOADED, "cannot return it to scratch"),
                refusal("take scratch when none is left", lib -> {
                    lib.takeScratch("daily");
                    lib.takeScratch("daily");
                }, lib -> lib.takeScratch("weekly"), RobotException.Reason.NO_SCRATCH,
                        "no scratch cartridge left for pool weekly"),
                refusal("import with every storage slot full", lib -> {
                    lib.move(Element.drive(0), Element.slot(2));
                    lib.importCartridge(LF0009);
                    lib.insert(Barcode.valueOf("LF0010L8"));
                }, lib -> lib.importCartridge(Barcode.valueOf("LF0010L8")), RobotException.Reason.NO_FREE_SLOT,
                        "all 4 storage slots are full, cannot import LF0010L8"));
    }

    private static Arguments refusal(String name, Request prepare, Request request, RobotException.Reason reason,
            String says) {
        return Arguments.of(Named.of(name, new Case(prepare, request, reason, says)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void robotRefusesAndNothingChanges(Case c) throws IOException {
        c.prepare().run(library);
        List<String> before = snapshot();
        byte[] stateBefore = Files.readAllBytes(tmp.resolve("vtl/library.state"));

        RobotException e = assertThrows(RobotException.class, () -> c.request().run(library));

        assertEquals(c.reason(), e.reason());
        assertTrue(e.getMessage().contains(c.says()), "message: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("library: "), e.getMessage());
        assertTrue(e.getMessage().contains("HINT: "), e.getMessage());
        assertEquals(before, snapshot());
        assertArrayEquals(stateBefore, Files.readAllBytes(tmp.resolve("vtl/library.state")));
    }

    private List<String> snapshot() throws IOException {
        List<String> all = new ArrayList<>();
        for (Element e : library.elements()) {
            all.add(e + "=" + library.contents(e).map(Barcode::toString).orElse("-"));
        }
        for (CartridgeInfo c : library.cartridges()) {
            all.add(c.toString());
        }
        for (Drive d : library.drives()) {
            all.add(d + " holds " + d.loaded().map(Barcode::toString).orElse("-"));
        }
        return all;
    }
}
