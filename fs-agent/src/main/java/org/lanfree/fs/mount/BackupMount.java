package org.lanfree.fs.mount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.cryptomator.jfuse.api.Fuse;
import org.cryptomator.jfuse.api.FuseMountFailedException;
import org.cryptomator.jfuse.linux.amd64.LinuxFuseBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mounted view: {@link #mount} returns once the kernel serves the mount point; {@link #close}
 * (idempotent) unmounts it. Read-only at the kernel too ({@code -o ro}); the kernel checks
 * permissions against the archived modes ({@code default_permissions}); attributes and contents
 * may stay in the kernel's caches, since a backup never changes.
 */
public final class BackupMount implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackupMount.class);

    private final Fuse fuse;
    private final Path mountPoint;
    private final ExecutorService fetchers;
    private final CountDownLatch ended;
    private final ReadOnlyOperations operations;
    /** jfuse's executor thread running the FUSE loop; null if it was not found. */
    private final Thread loop;
    private boolean closed;

    private BackupMount(Fuse fuse, ReadOnlyOperations operations, Thread loop, Path mountPoint,
                        ExecutorService fetchers, CountDownLatch ended) {
        this.fuse = fuse;
        this.loop = loop;
        this.operations = operations;
        this.mountPoint = mountPoint;
        this.fetchers = fetchers;
        this.ended = ended;
    }

    /**
     * Mounts the view at {@code mountPoint} (an existing empty folder).
     *
     * @param settings chunk size, cache size and read-ahead
     */
    public static BackupMount mount(Path mountPoint, CatalogView catalog, ArchiveRanges ranges, MountSettings settings)
            throws FuseUnavailableException, IOException {
        Path library = FuseLibrary.check();
        if (!Files.isDirectory(mountPoint)) {
            throw new IOException("mount point " + mountPoint + " is not a folder; expected an existing empty folder."
                    + " HINT: mkdir " + mountPoint);
        }
        ExecutorService fetchers = Executors.newFixedThreadPool(settings.fetchThreads(),
                Thread.ofPlatform().daemon().name("mount-fetch-", 0).factory());
        ChunkCache cache = new ChunkCache(ranges, settings.chunkSize(), settings.cacheBytes(), fetchers);
        MountedView view = new MountedView(catalog, java.time.Clock.systemUTC(), settings.refresh());
        LinuxFuseBuilder builder = new LinuxFuseBuilder();
        builder.setLibraryPath(library.toString());
        CountDownLatch ended = new CountDownLatch(1);
        Fuse fuse;
        ReadOnlyOperations operations = new ReadOnlyOperations(builder.errno(), view,
                new FileContent(cache, settings.readAheadChunks()), ended::countDown);
        try {
            fuse = builder.build(operations);
        } catch (UnsatisfiedLinkError e) {
            fetchers.shutdownNow();
            throw new FuseUnavailableException("libfuse3 at " + library + " cannot be loaded (" + e.getMessage()
                    + "). " + FuseLibrary.INSTALL, e);
        }
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        try {
            fuse.mount("lanfree", mountPoint, "-oro", "-odefault_permissions", "-ofsname=lanfree", "-osubtype=lanfree",
                    "-oattr_timeout=60", "-oentry_timeout=60", "-okernel_cache");
        } catch (FuseMountFailedException | IllegalArgumentException e) {
            fetchers.shutdownNow();
            throw new IOException("mounting at " + mountPoint + " failed: " + e.getMessage() + ". HINT: is the folder"
                    + " empty and not mounted already? ('fusermount3 -u " + mountPoint + "' unmounts a stale mount)", e);
        }
        LOG.info("mount: backups mounted at {}", mountPoint);
        Thread loop = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("jfuse-main")).findFirst().orElse(null);
        return new BackupMount(fuse, operations, loop, mountPoint, fetchers, ended);
    }

    public Path mountPoint() {
        return mountPoint;
    }

    /**
     * Waits until the mount ends, by {@link #close} or by an unmount from outside ({@code lanfree
     * umount}); after a lazy unmount, until the last open file is closed too, since the kernel
     * still sends its reads.
     */
    public void awaitUnmounted() throws InterruptedException {
        while (!ended.await(200, TimeUnit.MILLISECONDS)) {
            // after a lazy detach the kernel may end the connection without the last release
            if (!MountTable.isMounted(mountPoint) && (operations.openFiles() == 0 || loopEnded())) {
                return;
            }
        }
    }

    /**
     * Whether the FUSE loop has returned. jfuse keeps no handle on it; its thread sits in native
     * code (RUNNABLE) while the loop runs, and parks (WAITING) on its executor's queue after.
     */
    private boolean loopEnded() {
        return loop != null && loop.getState() == Thread.State.WAITING;
    }

    /**
     * Takes the mount away from the kernel first (lazily, so a busy reader does not block it): the
     * FUSE loop then ends on its own, which {@code fuse_exit} alone does not achieve while idle.
     */
    private void detach() throws IOException {
        if (!MountTable.isMounted(mountPoint)) {
            return;
        }
        Path fusermount = FuseLibrary.onPath("fusermount3");
        Process p = new ProcessBuilder(fusermount == null ? "fusermount3" : fusermount.toString(), "-uz",
                mountPoint.toString()).redirectErrorStream(true).start();
        try {
            String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                LOG.warn("mount: fusermount3 -uz {} failed: {}", mountPoint, said.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            detach();
            fuse.close();
        } catch (TimeoutException e) {
            throw new IOException("unmounting " + mountPoint + " timed out: a reader may still be busy. HINT:"
                    + " 'fusermount3 -uz " + mountPoint + "' detaches it lazily", e);
        } finally {
            fetchers.shutdownNow();
        }
        LOG.info("mount: {} unmounted", mountPoint);
    }
}
