package org.lanfree.fs.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lanfree.fs.posix.ByteString;

class ExcludePatternTest {

    @ParameterizedTest(name = "{0} on {1} (dir={2}) -> {3}")
    @CsvSource(delimiter = '|', value = {
            "*.o          | src/a.o       | false | true",
            "*.o          | src/a.c       | false | false",
            "*.o          | a.o/b         | false | false",
            "cache/       | var/cache     | true  | true",
            "cache/       | var/cache     | false | false",
            "/build/tmp   | build/tmp     | true  | true",
            "build/tmp    | x/build/tmp   | true  | false",
            "build/*      | build/a       | false | true",
            "build/*      | build/a/b     | false | false",
            "build/**     | build/a/b     | false | true",
            "**/core      | a/b/core      | false | true",
            "fi?e         | dir/file      | false | true",
            "fi?e         | dir/fie       | false | false",
            "[a-c]x       | bx            | false | true",
            "[!a-c]x      | bx            | false | false",
            "[^a-c]x      | dx            | false | true",
            "\\*          | *             | false | true",
            "\\*          | a             | false | false",
            "a*b*c        | aXbYbZc       | false | true",
    })
    void matchesAsDocumented(String pattern, String path, boolean directory, boolean expected) {
        assertEquals(expected, ExcludePattern.of(pattern).matches(ByteString.of(path), directory));
    }

    @org.junit.jupiter.api.Test
    void matchesBytesThatAreNotUtf8() {
        ByteString name = ByteString.of(new byte[] {'x', (byte) 0xff, '.', 't', 'm', 'p'});
        assertEquals(true, ExcludePattern.of("*.tmp").matches(name, false));
        assertEquals(true, ExcludePattern.of(ByteString.of(new byte[] {'x', (byte) 0xff, '*'})).matches(name, false));
        assertEquals(true, ExcludePattern.of("x?.tmp").matches(name, false));
    }
}
