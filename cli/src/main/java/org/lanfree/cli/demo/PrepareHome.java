package org.lanfree.cli.demo;

import java.util.Map;

import org.lanfree.array.config.ArrayConfig;
import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.cli.arraysim.ArraySimDaemon;
import org.lanfree.cli.console.Bytes;
import org.lanfree.cli.deploy.FreePorts;
import org.lanfree.cli.deploy.Home;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes the deployment's configuration: the array's defaults and a fresh channel secret (as
 * {@code up} writes them), then the TCP channel on a free loopback port and the cache file
 * inside the home.
 */
final class PrepareHome implements DemoStep {

    @Override
    public String title() {
        return "Prepare a deployment home";
    }

    @Override
    public void run(DemoContext context) throws Exception {
        Home home = context.home();
        home.createLayout();
        new ArraySimDaemon().writeDefaultConfig(home);
        ArrayConfigReader.writeDefault(home.file(ArraySimDaemon.CONFIG_FILE), Map.of(
                "channel.secret-file", ArraySimDaemon.SECRET_FILE,
                "channel.tcp", "127.0.0.1:" + FreePorts.pair(),
                "cache.file", "run/cache.mem"));
        ArrayConfig array = context.arrayConfig();
        context.say("home " + home + (context.removesHome() ? " (removed at the end; --keep keeps it)" : " (kept afterwards)"));
        context.say("array.conf: a cache of " + array.cacheSlots() + " slots of " + Bytes.format(array.trackSize())
                + " in " + array.cacheFile() + ", " + array.devices().size() + " devices, STG groups "
                + array.groups().stream().map(g -> g.id() + " (ports " + g.firstPort() + "-" + g.lastPort() + ")").toList());
        context.say("hosts on this machine attach at " + context.unixChannel()
                + " and copy payload through the mapped cache (shared memory)");
        context.say("hosts on other machines attach at " + context.tcpChannel()
                + " and payload rides in the channel's messages (TCP channel)");
        context.say("every host proves the channel secret in " + home.file(ArraySimDaemon.SECRET_FILE)
                + " before the array lets it attach");
        ObjectNode section = context.summary().putObject("array");
        section.put("home", home.toString());
        section.put("sharedMemoryChannel", context.unixChannel());
        section.put("tcpChannel", context.tcpChannel());
        section.put("cacheFile", array.cacheFile().toString());
    }
}
