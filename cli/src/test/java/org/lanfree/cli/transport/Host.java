package org.lanfree.cli.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lanfree.testkit.ChildJvm;

/**
 * One host of a transport check: {@code lanfree transport ROLE …} in its own JVM, attached to the
 * test's array, its output in a log file of the array's home.
 */
final class Host implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+) ");

    final String role;
    final ChildJvm process;

    private Host(String role, ChildJvm process) {
        this.role = role;
        this.process = process;
    }

    /** Starts {@code transport ROLE --channel CHANNEL --secret-file SECRET --channel-secret-file … ARGS}. */
    static Host start(ArrayProcess array, String role, String channel, String secretFile, String... args) {
        List<String> all = new ArrayList<>(List.of("transport", role, "--channel", channel,
                "--secret-file", secretFile, "--channel-secret-file", array.channelSecret.toString()));
        all.addAll(List.of(args));
        ChildJvm process = ChildJvm.main("org.lanfree.cli.Main")
                .jvmOptions("-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .args(all.toArray(String[]::new))
                .log(array.home.resolve("logs/" + role + "-" + System.nanoTime() + ".log"))
                .start();
        return new Host(role, process);
    }

    /** The port of a listening role, from its {@code listening on HOST:PORT} line. */
    int listeningPort() {
        Matcher m = LISTENING.matcher(process.awaitLine(LISTENING, Duration.ofSeconds(30)));
        if (!m.find()) {
            throw new AssertionError("no port in the listening line of " + role);
        }
        return Integer.parseInt(m.group(2));
    }

    /** Waits for the process to end; fails naming the role and its output when it takes longer. */
    int exitCode(Duration limit) {
        return process.waitFor(limit);
    }

    String output() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }
}
