package org.lanfree.cli.deploy;

import java.nio.file.Path;

import org.lanfree.cli.console.CommandFailure;

import picocli.CommandLine.Option;

/** The {@code --home DIR} option every deployment command shares; defaults to $LANFREE_HOME. */
public final class HomeOption {

    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${env:LANFREE_HOME}",
            description = "Folder of the deployment (default: $LANFREE_HOME).")
    Path dir;

    /** Whether --home or LANFREE_HOME named a folder. */
    public boolean given() {
        return dir != null && !dir.toString().isBlank();
    }

    /** The deployment's home; fails with a usage error when neither --home nor LANFREE_HOME is set. */
    public Home home() {
        if (!given()) {
            throw CommandFailure.usage("no deployment given: --home is missing and LANFREE_HOME is not set."
                    + " HINT: pass --home DIR (e.g. --home /tmp/lanfree) or export LANFREE_HOME=DIR");
        }
        return Home.of(dir);
    }
}
