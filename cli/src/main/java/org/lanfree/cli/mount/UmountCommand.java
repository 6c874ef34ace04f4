package org.lanfree.cli.mount;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.fs.mount.FuseLibrary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lanfree umount MOUNTPOINT}: unmounts a {@code lanfree mount}, which then exits. */
@Command(name = "umount", description = {"Unmount backups mounted with 'lanfree mount'; the mount command then exits.",
        "A mount with a file still open is busy and stays mounted, unless --lazy detaches it now (it goes away when"
        + " the last reader closes)."})
public final class UmountCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MOUNTPOINT", description = "Where the backups are mounted.")
    Path mountPoint;

    @Option(names = "--lazy", description = "Detach even while files are open (fusermount3 -z).")
    boolean lazy;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        Path fusermount = FuseLibrary.onPath("fusermount3");
        if (fusermount == null) {
            throw CommandFailure.failed("fusermount3 is not on the PATH. HINT: install it (Debian: 'apt-get install"
                    + " fuse3')");
        }
        Path at = mountPoint.toAbsolutePath().normalize();
        List<String> cmd = new ArrayList<>(List.of(fusermount.toString(), lazy ? "-uz" : "-u", at.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw CommandFailure.failed("fusermount3 -u " + at + " did not finish within 30 s");
        }
        if (p.exitValue() != 0) {
            String hint = said.contains("busy") ? " HINT: a file or folder under it is still open; close it, or"
                    + " 'lanfree umount --lazy " + at + "'" : " HINT: is " + at + " a lanfree mount? ('mount | grep "
                    + at + "')";
            throw CommandFailure.failed("unmounting " + at + " failed: " + said + "." + hint);
        }
        PrintWriter out = command.commandLine().getOut();
        out.println("unmounted " + at);
        out.flush();
        return 0;
    }
}
