package org.lanfree.media.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TapeLibraryTest {

    static final Barcode LF0002 = Barcode.valueOf("LF0002L8");
    static final Barcode LF0003 = Barcode.valueOf("LF0003L8");

    @TempDir
    Path tmp;

    private TapeLibrary library;

    @BeforeEach
    void openSmallLibrary() throws IOException {
        library = TapeLibrary.open(Fixtures.smallLibrary(tmp.resolve("vtl"), 4, 3, 4096, 1 << 20, 1 << 19));
    }

    @AfterEach
    void closeLibrary() throws IOException {
        library.close();
    }

    private Map<Element, String> inventory(TapeLibrary lib) throws IOException {
        Map<Element, String> all = new LinkedHashMap<>();
        for (Element e : lib.elements()) {
            all.put(e, lib.contents(e).map(Barcode::toString).orElse("-"));
        }
        return all;
    }

    @Test
    void newLibraryHasTheDocumentedDefaults() throws IOException {
        try (TapeLibrary lib = TapeLibrary.open(LibraryConfig.defaults(tmp.resolve("defaults")))) {
            assertEquals(2, lib.drives().size());
            assertEquals(Drive.DEFAULT_BLOCK_SIZE, lib.drive(0).blockSize());
            List<Element> elements = lib.elements();
            assertEquals(2 + 20 + 1, elements.size());
            assertEquals(Element.importExport(21), elements.getLast());
            List<CartridgeInfo> cartridges = lib.cartridges();
            assertEquals(10, cartridges.size());
            for (int i = 0; i < 10; i++) {
                CartridgeInfo c = cartridges.get(i);
                assertEquals(String.format("LF%04dL8", i + 1), c.barcode().toString());
                assertEquals(Element.slot(i + 1), c.location());
                assertEquals(String.format("VOL1LF%04d", i + 1), c.label());
                assertTrue(c.scratch());
                assertEquals(8L << 30, c.capacity());
            }
            assertTrue(Files.readString(tmp.resolve("defaults/README.txt")).contains("dd if=data"));
        }
    }

    @Test
    void loadAndUnloadReturnTheCartridgeToItsSlot() throws IOException {
        Drive drive = library.load(LF0002, 1);
        assertEquals(Optional.of(LF0002), drive.loaded());
        assertEquals(Element.drive(1), library.locate(LF0002));
        assertEquals(Optional.empty(), library.contents(Element.slot(2)));
        assertEquals(LF0002, library.unload(1));
        assertEquals(Element.slot(2), library.locate(LF0002));
        assertEquals(Optional.empty(), library.drive(1).loaded());
    }

    @Test
    void libraryDrivesAreLoadedOnlyByTheRobot() throws IOException {
        TapeException e = assertThrows(TapeException.class, () -> library.drive(0).unload());
        assertTrue(e.getMessage().contains("drive 0 belongs to a library"), e.getMessage());
    }

    @Test
    void libraryStateSurvivesAReopen() throws IOException {
        library.load(Fixtures.LF0001, 1);
        library.exportCartridge(LF0003);
        Barcode taken = library.takeScratch("daily");
        library.close();

        library = TapeLibrary.open(Fixtures.smallLibrary(tmp.resolve("vtl"), 4, 3, 4096, 1 << 20, 1 << 19));
        assertEquals(Element.drive(1), library.locate(Fixtures.LF0001));
        assertEquals(Optional.of(Fixtures.LF0001), library.drive(1).loaded());
        assertEquals(Element.importExport(5), library.locate(LF0003));
        assertEquals(LF0002, taken);
        assertEquals("daily", library.cartridge(LF0002).pool());
        library.unload(1);
        assertEquals(Element.slot(1), library.locate(Fixtures.LF0001), "the home slot is remembered");
    }

    @Test
    void scratchCartridgeTakenIntoAPoolIsErasedWhenReturned() throws IOException {
        Barcode taken = library.takeScratch("daily");
        assertEquals(Fixtures.LF0001, taken, "the lowest barcode first");
        assertEquals("daily", library.cartridge(taken).pool());
        Drive drive = library.load(taken, 0);
        TapeFileWriter w = TapeFileWriter.start(drive, Fixtures.backup("b1", "none"), (full, s) -> null);
        w.write(Fixtures.random(10_000, 1));
        w.finish();
        library.unload(0);
        assertEquals(1, library.cartridge(taken).tapeFiles());
        assertEquals(LF0002, library.takeScratch("weekly"), "a cartridge in a pool is not scratch");

        library.returnToScratch(taken);

        CartridgeInfo back = library.cartridge(taken);
        assertTrue(back.scratch());
        assertEquals(0, back.tapeFiles());
        assertEquals("VOL1LF0001", back.label(), "the label stays");
        assertEquals(VolumeLabel.BYTES, back.usedBytes());
        assertEquals(Fixtures.LF0001, library.takeScratch("weekly"));
        assertEquals(List.of("scratch", "weekly"), List.copyOf(library.pools()));
    }

    @Test
    void labelRefusesToEraseTapeFilesWithoutOverwrite() throws IOException {
        Drive drive = library.load(Fixtures.LF0001, 0);
        TapeFileWriter w = TapeFileWriter.start(drive, Fixtures.backup("b1", "none"), (full, s) -> null);
        w.write(Fixtures.random(100, 1));
        w.finish();
        library.unload(0);

        TapeException e = assertThrows(TapeException.class, () -> library.label(Fixtures.LF0001, "daily", false));
        assertTrue(e.getMessage().contains("holds 1 tape files"), e.getMessage());
        assertEquals(1, library.cartridge(Fixtures.LF0001).tapeFiles());

        library.label(Fixtures.LF0001, "daily", true);
        assertEquals(0, library.cartridge(Fixtures.LF0001).tapeFiles());
        assertEquals("daily", library.cartridge(Fixtures.LF0001).pool());
    }

    @Test
    void insertedCartridgeIsBlankAndARemovedOneComesBackFromTheShelf() throws IOException {
        Barcode fresh = Barcode.valueOf("LF0100L8");
        assertEquals(Element.importExport(5), library.insert(fresh));
        assertFalse(library.cartridge(fresh).labelled());
        assertEquals(Element.slot(4), library.importCartridge(fresh));
        library.label(fresh, "offsite", false);
        assertEquals(Element.importExport(5), library.exportCartridge(fresh));
        library.remove(fresh);
        assertTrue(Files.isDirectory(tmp.resolve("vtl/shelf/LF0100L8")));
        assertThrows(RobotException.class, () -> library.locate(fresh));

        library.insert(fresh);
        CartridgeInfo back = library.cartridge(fresh);
        assertEquals("VOL1LF0100", back.label());
        assertEquals("offsite", back.pool());
    }

    @Test
    void blankScratchCartridgeIsLabelledWhenTaken() throws IOException {
        for (int i = 0; i < 3; i++) {
            library.takeScratch("daily");
        }
        Barcode fresh = Barcode.valueOf("LF0100L8");
        library.insert(fresh);
        library.importCartridge(fresh);
        assertEquals(fresh, library.takeScratch("daily"));
        assertEquals("VOL1LF0100", library.cartridge(fresh).label());
    }

    @Test
    void inventoryListsEveryElementLikeMtx() throws IOException {
        library.load(LF0003, 0);
        assertEquals("drive 0=LF0003L8, drive 1=-, slot 1=LF0001L8, slot 2=LF0002L8, slot 3=-, slot 4=-, ie 5=-",
                inventory(library).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ")));
    }
}
