package org.lanfree.cli.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts a daemon: this JVM's java binary and classpath, the daemon's own
 * JVM options, two markers naming the daemon and its home (so a recycled pid is never mistaken
 * for it), then {@code org.lanfree.cli.Main} with the daemon's arguments.
 */
final class DaemonCommand {

    static final String MAIN_CLASS = "org.lanfree.cli.Main";

    private DaemonCommand() {
    }

    static List<String> build(DaemonSpec spec, Home home) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(spec.jvmOptions());
        String root = System.getProperty("lanfree.root");
        if (root != null) {
            command.add("-Dlanfree.root=" + root);
        }
        command.add(daemonMarker(spec));
        command.add(homeMarker(home));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN_CLASS);
        command.addAll(spec.mainArgs(home));
        return command;
    }

    static String daemonMarker(DaemonSpec spec) {
        return "-Dlanfree.daemon=" + spec.name();
    }

    static String homeMarker(Home home) {
        return "-Dlanfree.home=" + home.dir();
    }

    /** The java binary running this command line, so daemons run on the same JDK. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
