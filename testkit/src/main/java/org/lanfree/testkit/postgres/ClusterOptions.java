package org.lanfree.testkit.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to create and run a test cluster. Defaults: a free loopback port, SCRAM-SHA-256, superuser
 * {@code postgres} with password {@code postgres}, data checksums on, no Unix socket,
 * {@code fsync=off} (a test cluster need not survive a power cut; set it "on" to measure).
 * Settings are written to postgresql.conf quoted; extra pg_hba.conf lines come before the
 * defaults, so they can also reject what the defaults allow.
 */
public final class ClusterOptions {

    int port;
    AuthMethod auth = AuthMethod.SCRAM_SHA_256;
    String superuser = "postgres";
    String password = "postgres";
    boolean dataChecksums = true;
    boolean unixSocket;
    Duration startTimeout = Duration.ofSeconds(60);
    final Map<String, String> settings = new LinkedHashMap<>();
    final List<String> hbaLines = new ArrayList<>();
    String osUser = OsUser.DEFAULT_NAME;

    public static ClusterOptions defaults() {
        return new ClusterOptions();
    }

    /** A fixed TCP port; 0 (the default) picks a free one. */
    public ClusterOptions port(int value) {
        this.port = value;
        return this;
    }

    public ClusterOptions auth(AuthMethod value) {
        this.auth = value;
        return this;
    }

    /** The bootstrap superuser's name and password. */
    public ClusterOptions superuser(String name, String pw) {
        this.superuser = name;
        this.password = pw;
        return this;
    }

    public ClusterOptions dataChecksums(boolean value) {
        this.dataChecksums = value;
        return this;
    }

    /** Also listen on a Unix socket in the cluster's folder ({@code DIR/sock}). */
    public ClusterOptions unixSocket(boolean value) {
        this.unixSocket = value;
        return this;
    }

    /** One postgresql.conf setting, e.g. {@code setting("wal_level", "logical")}. */
    public ClusterOptions setting(String name, String value) {
        settings.put(name, value);
        return this;
    }

    /** One pg_hba.conf line, e.g. {@code "host replication backup 127.0.0.1/32 scram-sha-256"}. */
    public ClusterOptions hbaLine(String line) {
        hbaLines.add(line);
        return this;
    }

    /** How long pg_ctl may take to start the server. */
    public ClusterOptions startTimeout(Duration value) {
        this.startTimeout = value;
        return this;
    }

    /** The account to create or reuse when running as root (default {@code lanfree-pg}). */
    public ClusterOptions osUser(String name) {
        this.osUser = name;
        return this;
    }

    Map<String, String> settings() {
        return Collections.unmodifiableMap(settings);
    }
}
