package org.lanfree.cli.mount;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.deploy.HomeOption;
import org.lanfree.fs.mount.BackupMount;
import org.lanfree.fs.mount.FuseUnavailableException;
import org.lanfree.fs.mount.MountSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lanfree mount --home DIR MOUNTPOINT}: runs in the foreground until unmounted or stopped. */
@Command(name = "mount", description = {"Mount every file-tree backup of the deployment as a read-only file system"
        + " (FUSE): MOUNTPOINT/CLIENT/TIME-ID/... is the tree as of that backup (an incremental shows the whole tree),"
        + " MOUNTPOINT/CLIENT/latest links to the newest good backup.",
        "Listings come from the catalog; file contents are read from tape or the staging pool on demand, a drive"
        + " being held only while data is read. Names that are not UTF-8 show escaped (see README).",
        "Runs until 'lanfree umount MOUNTPOINT' or SIGTERM. Needs libfuse3 and fusermount3 (Debian: fuse3)."})
public final class MountCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Parameters(index = "0", paramLabel = "MOUNTPOINT", description = "An existing empty folder.")
    Path mountPoint;

    @Option(names = "--cache", paramLabel = "MIB", defaultValue = "256",
            description = "Memory for cached file data, in MiB (default: ${DEFAULT-VALUE}).")
    int cacheMib;

    @Option(names = "--chunk", paramLabel = "MIB", defaultValue = "32",
            description = "Bytes asked of the media server per read, in MiB (default: ${DEFAULT-VALUE}).")
    int chunkMib;

    @Option(names = "--host", paramLabel = "NAME", defaultValue = "local",
            description = "Host name to attach to the array as (default: ${DEFAULT-VALUE}).")
    String host;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        if (chunkMib < 1 || cacheMib < 2 * chunkMib) {
            throw CommandFailure.usage("--chunk " + chunkMib + " and --cache " + cacheMib + ": expected a chunk of at"
                    + " least 1 MiB and a cache of at least two chunks");
        }
        PrintWriter out = command.commandLine().getOut();
        MountSettings defaults = MountSettings.defaults();
        MountSettings settings = new MountSettings(chunkMib << 20, (long) cacheMib << 20, defaults.readAheadChunks(),
                defaults.fetchThreads(), defaults.refresh());
        Path at = mountPoint.toAbsolutePath().normalize();
        try (DeploymentSources sources = DeploymentSources.attach(homeOption.home(), host)) {
            BackupMount mount;
            try {
                mount = BackupMount.mount(at, sources.catalog(), sources.ranges(), settings);
            } catch (FuseUnavailableException e) {
                throw CommandFailure.failed("cannot mount: " + e.getMessage(), e);
            } catch (IOException e) {
                throw CommandFailure.failed(e.getMessage(), e);
            }
            Thread stopper = new Thread(() -> close(mount), "mount-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            out.println("backups of " + homeOption.home() + " mounted at " + at + "; 'lanfree umount " + at
                    + "' unmounts");
            out.flush();
            mount.awaitUnmounted();
            close(mount);
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // already shutting down: the hook unmounts
            }
            out.println("unmounted " + at);
            out.flush();
        }
        return 0;
    }

    private static void close(BackupMount mount) {
        try {
            mount.close();
        } catch (IOException e) {
            System.err.println("lanfree mount: " + e.getMessage());
        }
    }
}
