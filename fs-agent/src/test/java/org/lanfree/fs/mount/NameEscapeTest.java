package org.lanfree.fs.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NameEscapeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain ascii          | readme.txt",
        "utf-8 shows as is    | ümlaut & space.txt",
        "a lone backslash     | a\\b",
        "control characters   | tab\there"})
    void validNamesWithoutBackslashXShowAsThemselves(String label, String name) {
        assertEquals(name, NameEscape.encode(name.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void invalidBytesAndBackslashesOfAnEscapedNameShowAsHex() {
        byte[] name = {'c', 'a', 'f', (byte) 0xe9, '\\', 'x'};
        assertEquals("caf\\xe9\\x5cx", NameEscape.encode(name));
    }

    @Test
    void aValidNameThatLooksEscapedIsEscapedItself() {
        assertEquals("a\\x5cx41", NameEscape.encode("a\\x41".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyNameDecodesToItsBytes() {
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            byte[] name = new byte[1 + random.nextInt(12)];
            random.nextBytes(name);
            for (int j = 0; j < name.length; j++) {
                if (name[j] == 0 || name[j] == '/') {
                    name[j] = '\\';
                }
            }
            assertArrayEquals(name, NameEscape.decode(NameEscape.encode(name)), () -> NameEscape.encode(name));
        }
    }
}
