package org.lanfree.cli.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.cli.Cli;
import org.lanfree.cli.media.TestDeployment;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.stp.ChannelAddress;
import org.lanfree.fs.agent.AgentConfig;
import org.lanfree.fs.agent.FsAgent;
import org.lanfree.testkit.Await;
import org.lanfree.testkit.FreePorts;
import org.lanfree.testkit.TempHome;

/**
 * File-tree backups when things go wrong, and two clients at once: more fs-agents run in this
 * JVM beside the deployment's (real sockets, the same array), one of them with the wrong secret;
 * the deployment's own agent is killed in the middle of a backup.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FsFaultsTest {

    private TempHome trees;
    private TestDeployment deployment;

    @BeforeAll
    void up() throws Exception {
        trees = TempHome.create("fsfault");
        deployment = TestDeployment.up("fsf");
    }

    @AfterAll
    void down() {
        if (deployment != null) {
            deployment.close();
        }
        trees.close();
    }

    @Test
    void twoClientsAreBackedUpAtOnce() throws Exception {
        Path a = tree("a", 40, 1);
        Path b = tree("b", 40, 2);
        try (FsAgent other = agent("other", deployment.config().agents().secret())) {
            register(other);
            CompletableFuture<Cli.Result> first = CompletableFuture.supplyAsync(() -> deployment.run("backup", "fs",
                    "--client", "local", "--path", a.toString(), "--json"));
            CompletableFuture<Cli.Result> second = CompletableFuture.supplyAsync(() -> deployment.run("backup", "fs",
                    "--client", "other", "--path", b.toString(), "--json"));
            for (Cli.Result r : List.of(first.get(), second.get())) {
                assertEquals(0, r.exitCode(), r.toString());
                assertEquals("done", r.json().get("state").asText(), r.toString());
            }
        }
        assertEquals(List.of("local|good", "other|good"), deployment.query("SELECT client || '|' || status FROM"
                + " v_backups WHERE kind = 'fs' AND dataset IN ('" + a + "', '" + b + "') ORDER BY client"));
    }

    @Test
    void anAgentWithTheWrongSecretFailsTheBackupInSeconds() throws Exception {
        Path a = tree("secret", 3, 3);
        try (FsAgent stranger = agent("stranger", SharedSecret.ofUtf8("not the deployment's secret at all"))) {
            register(stranger);
            long t0 = System.nanoTime();
            Cli.Result r = deployment.run("backup", "fs", "--client", "stranger", "--path", a.toString());
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(r.err().contains("AUTH_FAILED") || r.err().contains("secret"), r.toString());
            assertTrue(seconds < 30, "failed after " + seconds + " s");
        }
    }

    @Test
    void anAgentKilledMidBackupLeavesNoGoodBackupAndTheNextRunWorks() throws Exception {
        Path big = trees.resolve("big");
        Files.createDirectories(big);
        byte[] chunk = new byte[1 << 20];
        new Random(4).nextBytes(chunk);
        for (int i = 0; i < 200; i++) {
            Files.write(big.resolve("f" + i), chunk);
        }
        CompletableFuture<Cli.Result> backup = CompletableFuture.supplyAsync(() -> deployment.run("backup", "fs",
                "--client", "local", "--path", big.toString(), "--json"));
        Await.until((Callable<Boolean>) () -> deployment.query("SELECT status FROM v_backups WHERE dataset = '" + big
                + "'").contains("running") ? true : null, Duration.ofSeconds(30), "the backup running");
        long pid = agentPid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        Cli.Result r = backup.get();
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals(List.of("failed"), deployment.query("SELECT status FROM v_backups WHERE dataset = '" + big + "'"),
                "a backup cut short is never listed good");

        Cli.Result up = deployment.run("up");
        assertEquals(0, up.exitCode(), up.toString());
        Cli.Result again = deployment.run("backup", "fs", "--client", "local", "--path", big.toString(), "--json");
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(List.of("failed", "good"), deployment.query("SELECT status FROM v_backups WHERE dataset = '" + big
                + "' ORDER BY backup_id"));
    }

    private long agentPid() {
        for (var d : deployment.run("status", "--json").json().get("daemons")) {
            if (d.get("name").asText().equals("fs-agent")) {
                return d.get("pid").asLong();
            }
        }
        throw new AssertionError("no fs-agent in the deployment");
    }

    private FsAgent agent(String client, SharedSecret secret) throws Exception {
        var array = ArrayConfigReader.read(deployment.file("array.conf"));
        return FsAgent.start(new AgentConfig(trees.resolve(client + ".conf"), client, "127.0.0.1", FreePorts.pair(),
                secret, ChannelAddress.unix(array.unixSocket()), array.channelSecret()));
    }

    private void register(FsAgent agent) {
        Cli.Result r = deployment.run("client", "add", agent.config().client(), "--host", "127.0.0.1", "--port",
                Integer.toString(agent.config().port()));
        assertEquals(0, r.exitCode(), r.toString());
    }

    private Path tree(String name, int files, long seed) throws Exception {
        Path root = trees.resolve(name);
        Files.createDirectories(root.resolve("sub"));
        Random random = new Random(seed);
        for (int i = 0; i < files; i++) {
            byte[] b = new byte[random.nextInt(200_000)];
            random.nextBytes(b);
            Files.write(root.resolve((i % 2 == 0 ? "sub/" : "") + "file" + i), b);
        }
        return root;
    }
}
