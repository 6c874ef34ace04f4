package org.lanfree.cli.demo;

import org.lanfree.cli.deploy.DownCommand;

/** Stops the deployment as {@code lanfree down} does; harmless when nothing was started. */
final class StopArray implements DemoStep {

    @Override
    public String title() {
        return "Stop the deployment (lanfree down)";
    }

    @Override
    public void run(DemoContext context) {
        context.sayLines(DemoContext.execute(new DownCommand(context.daemons()), "--home", context.home().toString()));
    }
}
