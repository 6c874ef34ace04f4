package org.lanfree.cli.h2;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.time.Duration;

import org.lanfree.h2plugin.SqlFunctions;
import org.lanfree.testkit.Await;
import org.lanfree.testkit.FreePorts;

/**
 * An H2 TCP server as a DBA runs it: its own JVM (Java 17 when this machine has one), with only
 * H2's jar and the plugin's one jar on the classpath, and the plugin's configuration named by
 * the system property {@code lanfree.h2.config}.
 */
final class H2ServerProcess implements AutoCloseable {

    private static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

    private final Process process;
    private final Path log;
    private final int port;
    private final String java;

    private H2ServerProcess(Process process, Path log, int port, String java) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.java = java;
    }

    static H2ServerProcess start(Path baseDir, Path pluginConfig) throws IOException {
        int port = FreePorts.single();
        String java = Files.isExecutable(JAVA_17) ? JAVA_17.toString()
                : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Dlanfree.h2.config=" + pluginConfig, "-cp",
                jarOf(org.h2.Driver.class) + File.pathSeparator + pluginJar(), "org.h2.tools.Server", "-tcp",
                "-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir", baseDir.toString()));
        Path log = Files.createTempFile(baseDir, "h2-server-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        H2ServerProcess server = new H2ServerProcess(process, log, port, java);
        Await.until(() -> server.output().contains("TCP server running") || !process.isAlive(),
                Duration.ofSeconds(30), "the H2 server to start");
        if (!process.isAlive()) {
            throw new IllegalStateException("the H2 server exited: " + server.output());
        }
        return server;
    }

    /** The URL of database {@code name} of this server. */
    String url(String name) {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + name;
    }

    String java() {
        return java;
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * The plugin's single jar (built by the h2-plugin module's package phase), found beside the
     * module's classes or jar on this test's class path.
     */
    static Path pluginJar() {
        Path target = Path.of(jarOf(SqlFunctions.class)).getParent();
        Path jar = target.resolve("lanfree-h2-plugin.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing. HINT: build it with"
                    + " 'mvn -o package -DskipTests -pl h2-plugin -am'");
        }
        return jar;
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
