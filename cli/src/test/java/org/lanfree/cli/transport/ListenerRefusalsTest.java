package org.lanfree.cli.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** The refusal lines the listeners log, as the listening roles hear them. */
class ListenerRefusalsTest {

    @Test
    void eachRefusalLineBecomesOneRefusalNamingThePeerAndOtherLinesAreIgnored() {
        List<ListenerRefusals.Refusal> heard = new CopyOnWriteArrayList<>();
        PrintStream original = System.err;
        PrintStream before = new PrintStream(OutputStream.nullOutputStream());
        System.setErr(before);
        PrintStream after;
        try (ListenerRefusals _ = ListenerRefusals.watch(heard::add)) {
            System.err.println("[fs-agent conn 6] WARN org.lanfree.connect.auth.Authenticator - auth: refused"
                    + " 127.0.0.1:37680: AUTH_FAILED: the peer's proof does not match this side's shared secret");
            System.err.println("[main] INFO something else entirely");
            System.err.print("[fs-agent conn 8] WARN org.lanfree.connect.handshake.FsAgentListener - fs-agent: session 8"
                    + " with 10.0.0.2:4000 failed: TIMEOUT: the session's channels were not all up\n");
            System.err.println("[db-server conn 4] WARN org.lanfree.connect.handshake.DbServerListener - db-server:"
                    + " refused 10.0.0.3:5000: REFUSED: no such group");
        } finally {
            after = System.err;
            System.setErr(original);
        }
        assertSame(before, after, "System.err was not restored");
        assertEquals(3, heard.size(), heard.toString());
        assertEquals("127.0.0.1:37680", heard.get(0).peer());
        assertTrue(heard.get(0).authentication());
        assertEquals("10.0.0.2:4000", heard.get(1).peer());
        assertFalse(heard.get(1).authentication());
        assertEquals("10.0.0.3:5000", heard.get(2).peer());
        assertEquals("REFUSED: no such group", heard.get(2).reason());
    }
}
