package org.lanfree.cli.deploy;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.lanfree.cli.console.Json;
import org.lanfree.cli.console.Table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanfree status}: which daemons of the deployment run, with their pids and endpoints. */
@Command(name = "status", description = "Show the daemons of the deployment in DIR: pid, running or not, ports, socket.")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Option(names = "--json", description = "Print JSON: {home, daemons: [{name, pid, running, ports, socket, log}]}.")
    boolean json;

    @Spec
    CommandSpec command;

    private final List<DaemonSpec> daemons;

    public StatusCommand(List<DaemonSpec> daemons) {
        this.daemons = List.copyOf(daemons);
    }

    @Override
    public Integer call() {
        Home home = homeOption.home();
        List<DaemonState> states = new Deployment(home, daemons).states();
        PrintWriter out = command.commandLine().getOut();
        out.print(json ? Json.pretty(toJson(home, states)) + "\n" : toText(home, states));
        return 0;
    }

    static ObjectNode toJson(Home home, List<DaemonState> states) {
        ObjectNode root = Json.object();
        root.put("home", home.toString());
        ArrayNode list = root.putArray("daemons");
        for (DaemonState s : states) {
            ObjectNode d = list.addObject();
            d.put("name", s.name());
            if (s.running()) {
                d.put("pid", s.pid());
            } else {
                d.putNull("pid");
            }
            d.put("running", s.running());
            ArrayNode ports = d.putArray("ports");
            s.endpoints().ports().forEach(ports::add);
            if (s.endpoints().socket() != null) {
                d.put("socket", s.endpoints().socket().toString());
            } else {
                d.putNull("socket");
            }
            d.put("log", home.log(s.name()).toString());
        }
        return root;
    }

    static String toText(Home home, List<DaemonState> states) {
        Table table = new Table("DAEMON", "RUNNING", "PID", "PORTS", "SOCKET");
        for (DaemonState s : states) {
            String ports = s.endpoints().ports().stream().map(String::valueOf).collect(Collectors.joining(","));
            table.row(s.name(), s.running() ? "yes" : s.stale() ? "no (stale pid file)" : "no",
                    s.running() ? s.pid() : null, ports.isEmpty() ? null : ports, s.endpoints().socket());
        }
        StringBuilder text = new StringBuilder("deployment " + home + "\n").append(table.render());
        if (states.stream().noneMatch(DaemonState::running)) {
            text.append("nothing is running in ").append(home)
                    .append("; start it with 'lanfree up --home ").append(home).append("'\n");
        }
        return text.toString();
    }
}
