package org.lanfree.media.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.stp.ChannelAddress;
import org.lanfree.media.catalog.PolicySpec;
import org.lanfree.media.staging.StagingPolicy;
import org.lanfree.media.vtl.LibraryConfig;

/**
 * A media server's configuration, as {@link ServerConfigReader} reads it from
 * {@code media-server.conf}.
 *
 * @param name         names the library in the catalog and the jobs this server claims
 * @param adminPort    loopback TCP port of the admin connection (0: any free port)
 * @param adminSecret  the secret the operator's CLI proves it holds
 * @param arraySecret  the array's channel secret; null when the array has none
 * @param mountWait    how long a job waits for a scratch cartridge before it fails
 * @param agents       where and how database agents call in
 * @param staging      the disk staging pool for WAL and its migration to tape
 * @param policies     file-tree policies: which folders of which clients are backed up on their own
 * @param scheduleCheck how often the server looks for backups its policies say are due
 */
public record ServerConfig(Path file, String name, int adminPort, SharedSecret adminSecret, ChannelAddress arrayChannel,
        SharedSecret arraySecret, LibraryConfig library, CatalogLocation catalog, Duration mountWait,
        Agents agents, Staging staging, List<TreePolicy> policies, Duration scheduleCheck) {

    /**
     * The agents' side: the well-known port, the secret they share with this server, the
     * clients allowed, the STG group and ring of their sessions, and the pool their backups go to.
     */
    public record Agents(int port, SharedSecret secret, List<String> clients, int stgGroup, int ring, String pool) {
    }

    /**
     * The disk staging pool: its folder, its limits and migration batches ({@code policy}), the
     * tape pool migrations write to, and how often the server checks whether a migration is due.
     */
    public record Staging(Path dir, StagingPolicy policy, String tapePool, Duration check) {
    }

    /** A file-tree policy: its catalog settings, and the folders ({@code paths}) of each client it backs up. */
    public record TreePolicy(PolicySpec spec, List<String> clients, List<String> paths) {
    }
}
