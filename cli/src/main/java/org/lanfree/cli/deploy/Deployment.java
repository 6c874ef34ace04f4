package org.lanfree.cli.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The registered daemons of one home, and whether each runs. */
public final class Deployment {

    private final Home home;
    private final List<DaemonSpec> specs;

    public Deployment(Home home, List<DaemonSpec> specs) {
        this.home = home;
        this.specs = List.copyOf(specs);
    }

    public Home home() {
        return home;
    }

    /** The daemons in start order. */
    public List<DaemonSpec> specs() {
        return specs;
    }

    PidFile pidFile(DaemonSpec spec) {
        return new PidFile(home.pidFile(spec.name()));
    }

    public DaemonState state(DaemonSpec spec) {
        OptionalLong pid = pidFile(spec).read();
        ProcessHandle process = null;
        if (pid.isPresent()) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid.getAsLong());
            if (handle.isPresent() && handle.get().isAlive() && isDaemonOfThisHome(handle.get(), spec)) {
                process = handle.get();
            }
        }
        return new DaemonState(spec, pid.isPresent() ? pid.getAsLong() : null, process, spec.endpoints(home));
    }

    public List<DaemonState> states() {
        List<DaemonState> states = new ArrayList<>();
        for (DaemonSpec spec : specs) {
            states.add(state(spec));
        }
        return states;
    }

    /**
     * Guards against a recycled pid: the process must carry the markers {@link DaemonCommand}
     * puts on its command line. When the system hides other processes' arguments, a live pid is
     * trusted.
     */
    private boolean isDaemonOfThisHome(ProcessHandle process, DaemonSpec spec) {
        Optional<String[]> args = process.info().arguments();
        if (args.isEmpty()) {
            return true;
        }
        List<String> list = List.of(args.get());
        return list.contains(DaemonCommand.daemonMarker(spec)) && list.contains(DaemonCommand.homeMarker(home));
    }
}
