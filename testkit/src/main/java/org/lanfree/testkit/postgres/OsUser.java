package org.lanfree.testkit.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The OS account that runs a cluster's programs. As root this is an unprivileged system user
 * (created with useradd when missing, reused when present), and commands go through
 * {@code runuser}; as any other user the cluster simply runs as that user.
 */
public final class OsUser {

    /** The account the fixture creates and uses when the tests run as root. */
    public static final String DEFAULT_NAME = "lanfree-pg";

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final boolean switchUser;

    private OsUser(String name, boolean switchUser) {
        this.name = name;
        this.switchUser = switchUser;
    }

    /** The user that runs clusters on this machine, creating {@code lanfree-pg} when needed. */
    public static OsUser forClusters() {
        return forClusters(DEFAULT_NAME);
    }

    /** As {@link #forClusters()} with another account name to create or reuse when root. */
    public static synchronized OsUser forClusters(String unprivilegedName) {
        if (!isRoot()) {
            return new OsUser(System.getProperty("user.name"), false);
        }
        if (!exists(unprivilegedName)) {
            create(unprivilegedName);
        }
        return new OsUser(unprivilegedName, true);
    }

    public String name() {
        return name;
    }

    /** Prefixes {@code command} so that it runs as this user. */
    List<String> command(List<String> command) {
        if (!switchUser) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", name, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Makes {@code path} belong to this user (no-op when the fixture does not switch users). */
    void own(Path path) {
        if (!switchUser) {
            return;
        }
        try {
            UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(path, lookup.lookupPrincipalByName(name));
            Files.getFileAttributeView(path, PosixFileAttributeView.class)
                    .setGroup(lookup.lookupPrincipalByGroupName(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + path + " to OS user " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes sure this user can reach {@code dir}: a folder above it that denies others the
     * right to pass through is opened for passing (o+x, never read) when it lies in the
     * system's temporary folder, as JUnit's 0700 temp folders do; elsewhere it is an error.
     */
    void ensureCanTraverse(Path dir) {
        if (!switchUser) {
            return;
        }
        for (Path p = dir.toAbsolutePath().normalize().getParent(); p != null && p.getParent() != null; p = p.getParent()) {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    continue;
                }
                if (!insideTempFolder(p)) {
                    throw new IllegalStateException("OS user " + name + " cannot reach " + dir + ": folder " + p
                            + " has mode " + PosixFilePermissions.toString(perms)
                            + ", expected others to have x; HINT: put the cluster under /tmp or the temp folder");
                }
                perms.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(p, perms);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot check folder " + p + " for OS user " + name + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private static boolean insideTempFolder(Path p) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        Path slashTmp = Path.of("/tmp");
        return p.startsWith(tmp) && !p.equals(tmp) || p.startsWith(slashTmp) && !p.equals(slashTmp);
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static boolean exists(String name) {
        return Exec.run(List.of("id", "-u", name), ADMIN_TIMEOUT).ok();
    }

    private static void create(String name) {
        if (!Exec.onPath("useradd") && !Files.isExecutable(Path.of("/usr/sbin/useradd"))) {
            throw new IllegalStateException("cannot create OS user " + name + " to run PostgreSQL: no useradd found;"
                    + " HINT: apt-get install passwd, or create the user yourself");
        }
        Exec.Result r = Exec.run(List.of("useradd", "--system", "--no-create-home", "--user-group",
                "--shell", "/usr/sbin/nologin", name), ADMIN_TIMEOUT);
        if (!r.ok() && !exists(name)) {
            r.orThrow("creating OS user " + name, "PostgreSQL refuses to run as root; create an unprivileged user "
                    + name + " (useradd --system " + name + ")");
        }
    }
}
