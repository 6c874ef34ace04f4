package org.lanfree.db.pg.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PgUrlTest {

    @Test
    void aFullUrlGivesEveryPartAndADatasetNameTheStagingPoolAccepts() {
        PgUrl u = PgUrl.parse("postgresql://backup:p%40ss@db1.example.com:5433/app");
        assertEquals("db1.example.com", u.host());
        assertEquals(5433, u.port());
        assertEquals("backup", u.user());
        assertEquals("p@ss", u.password());
        assertEquals("app", u.database());
        assertEquals("db1.example.com-5433", u.dataset());
        assertEquals("jdbc:postgresql://db1.example.com:5433/app", u.jdbcUrl());
        assertEquals("postgresql://backup@db1.example.com:5433/app", u.toString(), "no password in messages");
    }

    @Test
    void portAndDatabaseDefaultAsLibpqDoes() {
        PgUrl u = PgUrl.parse("postgres://lanfree@127.0.0.1");
        assertEquals(5432, u.port());
        assertEquals("postgres", u.database());
        assertEquals(null, u.password());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "'mysql://u@h/db', does not start with postgresql://",
            "'postgresql://h:5432/db', names no user",
            "'postgresql://u@:5432/db', names no host"})
    void aBadUrlIsRefusedSayingWhichPart(String url, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PgUrl.parse(url));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("expected postgresql://USER"), e.getMessage());
    }
}
