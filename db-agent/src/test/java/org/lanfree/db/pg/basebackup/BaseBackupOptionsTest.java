package org.lanfree.db.pg.basebackup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BaseBackupOptionsTest {

    @Test
    void buildsTheOptionListCommandWithTheLabelQuoted() {
        assertEquals("BASE_BACKUP (LABEL 'it''s nightly', PROGRESS, CHECKPOINT 'fast', WAIT false, MANIFEST 'yes',"
                + " MANIFEST_CHECKSUMS 'CRC32C', MAX_RATE 1024)",
                BaseBackupOptions.labelled("it's nightly").withMaxRate(1024).command());
        assertEquals("BASE_BACKUP (LABEL 'x', PROGRESS, CHECKPOINT 'spread', WAIT false, MANIFEST 'yes',"
                + " MANIFEST_CHECKSUMS 'CRC32C')", new BaseBackupOptions("x", false, 0).command());
    }

    @Test
    void refusesARateThePostgresRangeDoesNotAllow() {
        assertThrows(IllegalArgumentException.class, () -> BaseBackupOptions.labelled("x").withMaxRate(31));
        assertThrows(IllegalArgumentException.class, () -> BaseBackupOptions.labelled("x").withMaxRate(1048577));
        assertThrows(IllegalArgumentException.class, () -> BaseBackupOptions.labelled(""));
    }
}
