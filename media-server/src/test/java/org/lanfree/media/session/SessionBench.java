package org.lanfree.media.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.lanfree.connect.Conn;
import org.lanfree.connect.SockAddr;
import org.lanfree.connect.net.TcpListener;
import org.lanfree.media.catalog.BackupFilter;
import org.lanfree.media.catalog.BackupKind;
import org.lanfree.media.catalog.BackupStatus;
import org.lanfree.media.catalog.Catalog;
import org.lanfree.media.vtl.Barcode;
import org.lanfree.media.vtl.Drive;
import org.lanfree.media.vtl.Element;
import org.lanfree.media.vtl.LibraryConfig;
import org.lanfree.media.vtl.Section;
import org.lanfree.media.vtl.TapeFileReader;
import org.lanfree.media.vtl.TapeLibrary;

/**
 * A media server's session side on a test bench: a real library and embedded catalog, a drive
 * pool, a loopback listener, and sessions that each accept one connection and run a
 * {@link BackupStreamWriter} on it.
 */
final class SessionBench implements AutoCloseable {

    static final String POOL = "daily";

    final TapeLibrary library;
    final Catalog catalog;
    final DrivePool drives;
    final BackupStreamWriter writer;
    private final TcpListener listener;
    private final ExecutorService sessions = Executors.newCachedThreadPool();
    private final AtomicInteger numbers = new AtomicInteger();

    SessionBench(Path folder, LibraryConfig config, DrivePolicy policy, SessionLimits limits) throws IOException {
        library = TapeLibrary.open(config);
        catalog = Catalog.embedded(folder.resolve("catalog"));
        SessionFixtures.dataset(catalog);
        drives = new DrivePool(library, catalog, policy, InventoryListener.NONE);
        writer = new BackupStreamWriter(catalog, drives, limits, Clock.systemUTC());
        listener = TcpListener.bind(new SockAddr.Net("127.0.0.1", 0), 8);
    }

    SessionBench(Path folder, LibraryConfig config) throws IOException {
        this(folder, config, new DrivePolicy(Duration.ofSeconds(20), Duration.ofMillis(200), false),
                SessionLimits.defaults().withReadTimeout(Duration.ofSeconds(20)).withDriveWait(Duration.ofSeconds(40))
                        .withProgressInterval(Duration.ofMillis(20)));
    }

    SockAddr.Net address() {
        return listener.localAddress();
    }

    static BackupFacts facts(Long job) {
        return BackupFacts.full(SessionFixtures.CLIENT, BackupKind.PG, SessionFixtures.DATASET, POOL, job);
    }

    /** Accepts the next connection and runs a session on it. */
    Future<StoredBackup> serve(Long job) {
        int session = numbers.incrementAndGet();
        return sessions.submit(() -> {
            try (Conn conn = listener.accept()) {
                return writer.receive(session, conn, facts(job));
            }
        });
    }

    /** The session's outcome: its stored backup, or the SessionException it failed with. */
    static Object outcome(Future<StoredBackup> session) throws Exception {
        try {
            return session.get(40, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }

    List<Long> goodBackups() {
        return catalog.backups().list(BackupFilter.all().status(BackupStatus.GOOD)).stream()
                .map(b -> b.id()).toList();
    }

    boolean everyDriveEmpty() {
        return library.drives().stream().allMatch(d -> d.loaded().isEmpty());
    }

    /** The backup's payload, read back from tape through the sections the catalog lists. */
    byte[] readBack(long backupId) throws IOException {
        List<Section> sections = new ArrayList<>();
        for (org.lanfree.media.catalog.Section s : catalog.backups().sections(backupId)) {
            var f = s.tapeFile();
            sections.add(new Section(Long.toString(backupId), s.sectionNo(), Barcode.valueOf(f.barcode()),
                    f.fileNumber(), f.firstBlock(), f.lastBlock(), f.bytes(), 0));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TapeFileReader reader = new TapeFileReader(sections, this::mount)) {
            reader.transferTo(out);
        }
        if (library.contents(Element.drive(0)).isPresent()) {
            library.unload(0);
        }
        return out.toByteArray();
    }

    private Drive mount(Section s) throws IOException {
        var loaded = library.contents(Element.drive(0));
        if (loaded.isPresent() && !loaded.get().equals(s.barcode())) {
            library.unload(0);
        }
        return library.contents(Element.drive(0)).isPresent() ? library.drive(0) : library.load(s.barcode(), 0);
    }

    @Override
    public void close() throws IOException {
        sessions.shutdownNow();
        try {
            sessions.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.close();
        catalog.close();
        library.close();
    }
}
