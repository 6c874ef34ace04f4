package org.lanfree.cli.deploy;

/**
 * What the home says about one daemon right now.
 *
 * @param spec      the daemon
 * @param pid       the pid in its pid file, or null when there is none
 * @param process   the live process of that pid, or null when it is not running
 * @param endpoints where it listens, from its configuration
 */
public record DaemonState(DaemonSpec spec, Long pid, ProcessHandle process, DaemonSpec.Endpoints endpoints) {

    public boolean running() {
        return process != null;
    }

    /** A pid file names a process that is gone (or is no longer this daemon). */
    public boolean stale() {
        return pid != null && process == null;
    }

    public String name() {
        return spec.name();
    }
}
