package org.lanfree.cli.arraysim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ArrayStatusViewTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void showsBytesMovedCacheAndDirectorQueuesAsDepthOverCapacity() throws Exception {
        String view = ArrayStatusView.render("unix:/tmp/a.sock", json("""
                {"bytesMoved": 3221225472,
                 "directors": [{"name": "ch-0", "queueDepth": 3, "queueCapacity": 64, "served": 1200},
                               {"name": "ch-1", "queueDepth": 0, "queueCapacity": 64, "served": 7}],
                 "cache": {"slots": 256, "used": 12, "hitRatio": 0.985, "writePending": 4},
                 "stgGroups": [{"id": 1, "devices": [0, 1, 2, 3], "ports": "9000-9255"}],
                 "connections": []}
                """));
        assertTrue(view.startsWith("array at unix:/tmp/a.sock\n"), view);
        assertTrue(view.contains("bytes moved: 3.00 GiB (3221225472 bytes)"), view);
        assertTrue(view.contains("cache: 256 slots, 12 used, 4 write-pending, hit ratio 98.5 %\n"), view);
        assertTrue(view.contains("directors:\n  NAME  QUEUE  SERVED\n  ch-0  3/64   1200\n  ch-1  0/64   7\n"), view);
        assertTrue(view.contains("STG groups:\n  ID  DEVICES  PORTS\n  1   0,1,2,3  9000-9255\n"), view);
        assertTrue(view.contains("open STP connections:\n  none\n"), view);
    }

    @Test
    void keepsFieldsItDoesNotKnow() throws Exception {
        String view = ArrayStatusView.render("unix:/s", json("""
                {"uptimeSeconds": 42, "cache": {"slots": 8, "used": 1, "hitRatio": 1.0, "writePending": 0, "spills": 2},
                 "hosts": [{"name": "h1", "director": "ch-0"}]}
                """));
        assertTrue(view.contains("uptimeSeconds: 42"), view);
        assertTrue(view.contains("hit ratio 100.0 %, spills 2\n"), view);
        assertTrue(view.contains("hosts:\n  NAME  DIRECTOR\n  h1    ch-0\n"), view);
    }

    @Test
    void showsByteCountsInBinaryUnitsAndAnUnlimitedQueueAsUnbounded() throws Exception {
        String view = ArrayStatusView.render("unix:/s", json("""
                {"directors": [{"name": "DA", "kind": "disk", "queueDepth": 2, "queueCapacity": -1}],
                 "cache": {"slots": 256, "trackSize": 1048576, "bytes": 268435456, "used": 3, "writePending": 1,
                           "hitRatio": 0.5, "hits": 5, "misses": 5},
                 "connections": [{"id": 7, "group": 1, "ringTracks": 16, "bytesToAcceptor": 1572864}]}
                """));
        assertTrue(view.contains("cache: 256 slots of 1.00 MiB (256 MiB), 3 used, 1 write-pending, "
                + "hit ratio 50.0 % (5 hits, 5 misses)\n"), view);
        assertTrue(view.contains("  DA    2/unbounded  disk\n"), view);
        assertTrue(view.contains("  7   1      16           1.50 MiB\n"), view);
    }

    @Test
    void headingsSplitCamelCaseIntoUpperCaseWords() {
        assertEquals("QUEUE-DEPTH", ArrayStatusView.heading("queueDepth"));
        assertEquals("RING-TRACKS", ArrayStatusView.heading("ringTracks"));
        assertEquals("ID", ArrayStatusView.heading("id"));
    }
}
