package org.lanfree.media.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LibraryConfigTest {

    private static final Path BASE = Path.of("/srv/lanfree");

    @Test
    void documentedDefaultFileGivesTheDefaults() throws LibraryConfigException {
        LibraryConfig c = LibraryConfig.parse(LibraryConfig.defaultText(), BASE);
        assertEquals(new LibraryConfig(BASE.resolve("vtl"), 2, 20, 1, 256 * 1024, 10, Barcode.valueOf("LF0001L8"),
                "scratch", 8L << 30, 7936L << 20), c);
        assertEquals(c, LibraryConfig.parse("", BASE), "every key is optional");
    }

    @Test
    void earlyWarningDefaultsToAThirtySecondBeforeTheCapacity() throws LibraryConfigException {
        LibraryConfig c = LibraryConfig.parse("cartridges.capacity = 1G\n", BASE);
        assertEquals((1L << 30) - (1L << 25), c.earlyWarning());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "library.drives = 0            | library.drives: 0 is out of range. HINT: expected 1 to 256",
        "library.slots = many          | library.slots: 'many' is not a whole number",
        "drive.block-size = 32M        | drive.block-size: 32M (33554432 bytes) is out of range",
        "cartridges.count = 30         | cartridges.count: 30 is out of range. HINT: expected 0 to 20",
        "cartridges.first = LF1        | cartridges.first: barcode 'LF1' is not valid",
        "cartridges.early-warning = 9G | cartridges.early-warning: 9G (9663676416 bytes) is out of range",
        "libary.slots = 4              | libary.slots: is not a library setting. HINT: known keys:",
        "just words                    | vtl.conf line 1: 'just words' is not a 'key = value' line",
    })
    void badSettingNamesTheKeyAndTheFix(String line, String says) {
        LibraryConfigException e = assertThrows(LibraryConfigException.class, () -> LibraryConfig.parse(line, BASE));
        assertTrue(e.getMessage().startsWith(says), e.getMessage());
    }
}
