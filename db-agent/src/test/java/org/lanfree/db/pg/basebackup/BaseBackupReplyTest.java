package org.lanfree.db.pg.basebackup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lanfree.db.pg.wal.Lsn;
import org.lanfree.db.pg.wire.BackendMessage;
import org.lanfree.db.pg.wire.PgProtocolException;
import org.lanfree.db.tar.TarHeader;
import org.lanfree.db.tar.TarWriter;

/** BASE_BACKUP's reply, message by message, without a server. */
class BaseBackupReplyTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Long> progress = new ArrayList<>();
    private final BaseBackupReply reply = new BaseBackupReply(new TarWriter(out), new BaseBackupReply.Listener() {
        @Override
        public void onStarted(Lsn start, int timeline, long estimatedBytes) {
            progress.add(-estimatedBytes);
        }

        @Override
        public void onProgress(long bytesDone) {
            progress.add(bytesDone);
        }
    });

    @Test
    void aWholeReplyGivesPositionsMembersAndManifest() {
        feedStartAndTablespaces("8");
        byte[] archive = archive("PG_VERSION", "17\n");
        feed(copy('n', cstr("base.tar"), cstr("")));
        feed(copy('d', Arrays.copyOfRange(archive, 0, 700)), copy('d', Arrays.copyOfRange(archive, 700, archive.length)));
        feed(copy('p', ByteBuffer.allocate(8).putLong(2048).array()));
        feed(copy('m'), copy('d', "{\"manifest\": 1}\n".getBytes(StandardCharsets.UTF_8)));
        feed(new BackendMessage.CopyDone());
        feed(new BackendMessage.RowDescription(List.of("recptr", "tli")),
                new BackendMessage.DataRow(List.of("0/2000100", "1")), new BackendMessage.CommandComplete("SELECT"),
                new BackendMessage.CommandComplete("BASE_BACKUP"));
        assertTrue(reply.on(new BackendMessage.ReadyForQuery('I')));

        assertEquals(Lsn.valueOf("0/2000028"), reply.startLsn());
        assertEquals(Lsn.valueOf("0/2000100"), reply.endLsn());
        assertEquals(1, reply.timeline());
        assertEquals(1, reply.members());
        assertEquals("{\"manifest\": 1}\n", new String(reply.manifest(), StandardCharsets.UTF_8));
        assertEquals(List.of(-8192L, 2048L), progress);
        assertEquals(1024, out.size(), "the member, without the archive's end blocks");
    }

    @Test
    void archiveDataBeforeAnArchiveIsNamedIsRefused() {
        feedStartAndTablespaces(null);
        PgProtocolException e = assertThrows(PgProtocolException.class, () -> reply.on(copy('d', new byte[512])));
        assertTrue(e.getMessage().contains("before naming an archive"), e.getMessage());
    }

    @Test
    void aCopyStreamWithoutManifestIsRefused() {
        feedStartAndTablespaces(null);
        feed(copy('n', cstr("base.tar"), cstr("")));
        PgProtocolException e = assertThrows(PgProtocolException.class, () -> reply.on(new BackendMessage.CopyDone()));
        assertTrue(e.getMessage().contains("without a manifest"), e.getMessage());
    }

    @Test
    void aTablespaceOutsideTheDataDirectoryIsRefusedBeforeAnyData() {
        feed(new BackendMessage.RowDescription(List.of("recptr", "tli")),
                new BackendMessage.DataRow(List.of("0/2000028", "1")), new BackendMessage.CommandComplete("SELECT"));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> reply.on(new BackendMessage.DataRow(Arrays.asList("16390", "/srv/ts1", "100"))));
        assertTrue(e.getMessage().contains("tablespace 16390 at /srv/ts1"), e.getMessage());
        assertEquals(0, out.size());
    }

    @Test
    void aMessageOutOfPlaceNamesTheStateAndWhatWasExpected() {
        PgProtocolException e = assertThrows(PgProtocolException.class,
                () -> reply.on(new BackendMessage.CopyResponse(BackendMessage.CopyResponse.OUT)));
        assertTrue(e.getMessage().contains("in state START_POSITION"), e.getMessage());
        assertTrue(e.getMessage().contains("expected the row with the backup's start position"), e.getMessage());
    }

    private void feedStartAndTablespaces(String sizeKb) {
        feed(new BackendMessage.RowDescription(List.of("recptr", "tli")),
                new BackendMessage.DataRow(List.of("0/2000028", "1")), new BackendMessage.CommandComplete("SELECT"),
                new BackendMessage.RowDescription(List.of("spcoid", "spclocation", "size")),
                new BackendMessage.DataRow(Arrays.asList(null, null, sizeKb)), new BackendMessage.CommandComplete("SELECT"),
                new BackendMessage.CopyResponse(BackendMessage.CopyResponse.OUT));
    }

    private void feed(BackendMessage... messages) {
        for (BackendMessage m : messages) {
            assertFalse(reply.on(m), "not done after " + m);
        }
    }

    private static BackendMessage copy(char kind, byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(kind);
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return new BackendMessage.CopyData(ByteBuffer.wrap(b.toByteArray()));
    }

    private static byte[] cstr(String s) {
        return (s + "\0").getBytes(StandardCharsets.UTF_8);
    }

    /** One member and the end-of-archive blocks, as the server sends an archive. */
    private static byte[] archive(String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        byte[] a = new byte[512 + 512 + 1024];
        System.arraycopy(TarHeader.regularFile(name, data.length, 0600, 0), 0, a, 0, 512);
        System.arraycopy(data, 0, a, 512, data.length);
        return a;
    }
}
