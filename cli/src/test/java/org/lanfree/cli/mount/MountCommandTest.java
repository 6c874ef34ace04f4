package org.lanfree.cli.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lanfree.cli.Cli;
import org.lanfree.cli.media.TestDeployment;
import org.lanfree.testkit.TempHome;

/** {@code lanfree mount} as its own process: SIGTERM unmounts; a missing FUSE tool is named with what to install. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MountCommandTest {

    private TempHome dirs;
    private TestDeployment deployment;

    @BeforeAll
    void up() throws Exception {
        dirs = TempHome.create("mount-cmd");
        Path tree = Files.createDirectories(dirs.resolve("tree"));
        Files.writeString(tree.resolve("hello.txt"), "hello\n");
        deployment = TestDeployment.up("mount-cmd");
        Cli.Result r = deployment.run("backup", "fs", "--client", "local", "--path", tree.toString(), "--json");
        assertEquals(0, r.exitCode(), r.toString());
    }

    @AfterAll
    void down() {
        if (deployment != null) {
            deployment.close();
        }
        dirs.close();
    }

    @Test
    void sigtermUnmountsCleanly() throws Exception {
        Path mnt = Files.createDirectories(dirs.resolve("mnt"));
        Process mount = lanfree(Map.of(), "mount", "--home", deployment.home(), mnt.toString());
        BufferedReader out = new BufferedReader(new InputStreamReader(mount.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null && !line.contains("mounted at " + mnt); line = out.readLine()) {
            seen.append(line).append('\n');
        }
        assertTrue(mount.isAlive(), "mount runs until stopped; it said:\n" + seen);
        assertEquals("hello\n", Files.readString(mnt.resolve("local/latest/hello.txt")));
        mount.destroy();
        assertTrue(mount.waitFor(60, TimeUnit.SECONDS), "mount ends on SIGTERM");
        assertEquals(143, mount.exitValue(), "the usual status of a process ended by SIGTERM");
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(" " + mnt + " "),
                mnt + " is no mount point any more");
        try (var list = Files.list(mnt)) {
            assertEquals(0, list.count());
        }
    }

    @Test
    void withoutFusermountTheMountSaysWhatToInstall() throws Exception {
        Path mnt = Files.createDirectories(dirs.resolve("mnt-nofuse"));
        Process mount = lanfree(Map.of("PATH", "/nonexistent"), "mount", "--home", deployment.home(), mnt.toString());
        String all = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(mount.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, mount.exitValue(), all);
        assertTrue(all.contains("fusermount3 is not on the PATH") && all.contains("apt-get install fuse3"), all);
        assertFalse(all.contains("Exception"), "one clear message, no stack trace: " + all);
    }

    /** {@code lanfree ARGS} as a child JVM on the test class path, stdout and stderr together. */
    private static Process lanfree(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.lanfree.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        return pb.start();
    }
}
