package org.lanfree.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the version Maven recorded in the jar (pom.properties), and the JVM running
 * it. Classes run from a build folder have no pom.properties and say so.
 */
public final class VersionProvider implements IVersionProvider {

    private static final String POM_PROPERTIES = "/META-INF/maven/org.lanfree/cli/pom.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
            "lanfree " + version(),
            "JVM: " + System.getProperty("java.vm.name") + " " + Runtime.version()
                    + " (" + System.getProperty("java.home") + ")"
        };
    }

    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "(development build: no " + POM_PROPERTIES + " on the classpath)";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "(unknown version)");
        } catch (IOException e) {
            return "(unknown version: " + e.getMessage() + ")";
        }
    }
}
