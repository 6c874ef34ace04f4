package org.lanfree.fs.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanfree.fs.archive.ArchiveListener;
import org.lanfree.fs.archive.ArchiveSummary;
import org.lanfree.fs.archive.OwnerNames;
import org.lanfree.fs.archive.TreeArchiver;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.testtree.Commands;
import org.lanfree.fs.testtree.TreeSnapshot;
import org.lanfree.fs.tree.WalkOptions;
import org.lanfree.fs.tree.WarningList;

/** A real tree (the JDK running this test) backed up and restored through a pipe, as the agent streams it. */
class RealTreeRoundTripTest {

    @TempDir
    Path temp;

    @Test
    void theRunningJdkRoundTripsThroughAPipe() throws Exception {
        Path jdk = Path.of(System.getProperty("java.home")).toRealPath();
        Path target = temp.resolve("jdk");
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream out = new PipedOutputStream(in);
        WarningList backupWarnings = new WarningList(10);
        CompletableFuture<ArchiveSummary> backup = CompletableFuture.supplyAsync(() -> {
            try (out) {
                return new TreeArchiver(WalkOptions.DEFAULT, backupWarnings, ArchiveListener.NONE, OwnerNames.fromSystem(),
                        Clock.systemUTC()).archive(ByteString.of(jdk.toString()), out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        WarningList restoreWarnings = new WarningList(10);
        RestoreSummary restored = new TreeRestorer(RestoreOptions.defaults(), restoreWarnings)
                .restore(in, ByteString.of(target.toString()));
        ArchiveSummary archived = backup.get(60, TimeUnit.SECONDS);

        assertEquals(0, backupWarnings.count(), backupWarnings.toString());
        assertEquals(0, restoreWarnings.count(), restoreWarnings.toString());
        assertEquals(archived.members() - 1, restored.restored(), "every member but the root is restored");
        assertTrue(archived.dataBytes() > 50 << 20, "the JDK holds only " + archived.dataBytes() + " bytes");
        assertEquals("", Commands.run(temp, "diff", "-r", "--no-dereference", jdk.toString(), target.toString()));
        assertEquals(TreeSnapshot.of(jdk, TreeSnapshot.Facts.ALL), TreeSnapshot.of(target, TreeSnapshot.Facts.ALL));
    }
}
