package org.lanfree.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.lanfree.cli.deploy.DaemonSpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/** Runs {@code lanfree} in this JVM, as {@code bin/lanfree} would, capturing its output. */
public final class Cli {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Cli() {
    }

    /** What one invocation printed and returned. */
    public record Result(int exitCode, String out, String err) {

        public JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("stdout is not JSON: " + e.getMessage() + "\n" + this, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public static Result run(String... args) {
        return runWith(Daemons.all(), args);
    }

    /** Runs with a registry of daemons other than the real one. */
    public static Result runWith(List<DaemonSpec> daemons, String... args) {
        CommandLine cli = Main.commandLine(daemons);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        return new Result(code, out.toString(), err.toString());
    }
}
