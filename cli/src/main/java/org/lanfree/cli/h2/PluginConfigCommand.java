package org.lanfree.cli.h2;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.Json;
import org.lanfree.cli.deploy.HomeOption;
import org.lanfree.h2plugin.PluginConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree h2-plugin config}: prints an h2-plugin.conf for databases on this deployment's machine. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Print an h2-plugin.conf that points the H2 plugin at this deployment.",
                "Save it, then in the database: CALL LANFREE_CONFIGURE('/path/h2-plugin.conf')."})
public final class PluginConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HomeOption homeOption;

    @Option(names = "--client", paramLabel = "NAME", defaultValue = PluginConfig.DEFAULT_CLIENT,
            description = "The database host's client name, one of agents.clients (default ${DEFAULT-VALUE}).")
    String client;

    @Option(names = "--json", description = "Print JSON: {config} with the file's text.")
    boolean json;

    @Override
    public Integer call() {
        String text = DeploymentPlugin.of(homeOption.home()).configText(client);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.pretty(Json.object().put("config", text)) + "\n" : text);
        out.flush();
        return 0;
    }
}
