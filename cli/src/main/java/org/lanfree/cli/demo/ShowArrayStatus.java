package org.lanfree.cli.demo;

import org.lanfree.cli.arraysim.ArraySimDaemon;
import org.lanfree.cli.arraysim.ArrayStatusCommand;
import org.lanfree.cli.console.Json;

/** The array after the backups, as {@code lanfree array-sim status} shows it. */
final class ShowArrayStatus implements DemoStep {

    @Override
    public String title() {
        return "The array after the backups (lanfree array-sim status)";
    }

    @Override
    public void run(DemoContext context) {
        String config = context.home().file(ArraySimDaemon.CONFIG_FILE).toString();
        context.summary().set("arrayStatus", Json.parse(
                DemoContext.execute(new ArrayStatusCommand(), "--config", config, "--json"), "array-sim status"));
        context.sayLines(DemoContext.execute(new ArrayStatusCommand(), "--config", config));
    }
}
