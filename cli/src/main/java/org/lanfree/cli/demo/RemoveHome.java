package org.lanfree.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.lanfree.cli.arraysim.ArraySimDaemon;

/** Removes the temporary home after a success; keeps a given one, or any after a failure, and says why. */
final class RemoveHome implements DemoStep {

    @Override
    public String title() {
        return "Clean up";
    }

    @Override
    public void run(DemoContext context) throws IOException {
        Path dir = context.home().dir();
        if (!context.removesHome()) {
            context.say("kept " + dir + ": " + ArraySimDaemon.CONFIG_FILE + ", " + ArraySimDaemon.SECRET_FILE
                    + " and logs/ (the array's log); 'lanfree up --home " + dir + "' starts the same array again");
            context.summary().put("homeKept", true);
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        context.say("removed " + dir);
        context.summary().put("homeKept", false);
    }
}
