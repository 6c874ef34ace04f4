package org.lanfree.media.vtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BarcodeTest {

    @Test
    void barcodeIsAVolumeSerialAndAnLtoMediaType() {
        Barcode b = Barcode.valueOf("lf0001l8");
        assertEquals("LF0001L8", b.toString());
        assertEquals("LF0001", b.volser());
        assertEquals("L8", b.mediaType());
        assertEquals(b, Barcode.valueOf("LF0001L8"));
        assertTrue(b.compareTo(Barcode.valueOf("LF0002L8")) < 0);
    }

    @Test
    void nextBarcodeCountsUpTheTrailingNumber() {
        assertEquals("LF0010L8", Barcode.valueOf("LF0009L8").next().toString());
        assertEquals("ABC100LT", Barcode.valueOf("ABC099LT").next().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Barcode.valueOf("LF9999L8").next());
        assertTrue(e.getMessage().contains("is the last of its sequence"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "LF01L8    | it has 6 characters, a barcode has 8",
        "LF-001L8  | the volume serial 'LF-001' may hold only A-Z and 0-9",
        "LF0001X8  | the media type 'X8' is not an LTO type",
        "LF0001L0  | the media type 'L0' is not an LTO type",
    })
    void invalidBarcodeSaysWhatIsWrong(String text, String hint) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Barcode.valueOf(text));
        assertEquals("barcode '" + text + "' is not valid: expected 6 letters or digits followed by an LTO media"
                + " type (L1-L9, LT-LZ or M8), e.g. LF0001L8. HINT: " + hint, e.getMessage());
    }

    @Test
    void blockAddressAndElementReadBackWhatTheyPrint() {
        assertEquals(BlockAddress.of(2, 17), BlockAddress.valueOf(BlockAddress.of(2, 17).toString()));
        assertTrue(BlockAddress.of(1, 900).compareTo(BlockAddress.of(2, 0)) < 0);
        assertThrows(IllegalArgumentException.class, () -> BlockAddress.valueOf("2-17"));
        assertEquals(Element.importExport(21), Element.valueOf("ie 21"));
        assertEquals(Element.slot(7), Element.valueOf(Element.slot(7).key()));
        assertThrows(IllegalArgumentException.class, () -> Element.valueOf("shelf 1"));
    }
}
