package org.lanfree.cli.demo;

import org.lanfree.cli.deploy.UpCommand;

/** Starts the deployment as {@code lanfree up} does: the array in the background, ready to attach. */
final class StartArray implements DemoStep {

    @Override
    public String title() {
        return "Start the storage array and the media server (lanfree up)";
    }

    @Override
    public void run(DemoContext context) {
        context.sayLines(DemoContext.execute(new UpCommand(context.daemons()), "--home", context.home().toString()));
    }
}
