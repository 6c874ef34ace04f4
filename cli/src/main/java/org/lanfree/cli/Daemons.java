package org.lanfree.cli;

import java.util.List;

import org.lanfree.cli.arraysim.ArraySimDaemon;
import org.lanfree.cli.deploy.DaemonSpec;
import org.lanfree.cli.fsagent.FsAgentDaemon;
import org.lanfree.cli.media.MediaServerDaemon;
import org.lanfree.cli.pg.DbAgentDaemon;

/**
 * The daemons of a local deployment, in start order ({@code down} stops them in reverse). A new
 * daemon is one {@link DaemonSpec} implementation and one entry here: the array first, since
 * every other daemon attaches to it; then the media server; then the fs-agent, which registers
 * with it; then the db-agent, which dials the media server.
 */
public final class Daemons {

    private Daemons() {
    }

    public static List<DaemonSpec> all() {
        return List.of(new ArraySimDaemon(), new MediaServerDaemon(), new FsAgentDaemon(), new DbAgentDaemon());
    }
}
