package org.lanfree.cli;

import java.io.PrintWriter;
import java.util.List;

import org.lanfree.cli.arraysim.ArraySimCommand;
import org.lanfree.cli.backup.BackupCommand;
import org.lanfree.cli.backup.RestoreCommand;
import org.lanfree.cli.bench.BenchCommand;
import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.demo.DemoCommand;
import org.lanfree.cli.deploy.DaemonSpec;
import org.lanfree.cli.deploy.DownCommand;
import org.lanfree.cli.deploy.StatusCommand;
import org.lanfree.cli.deploy.UpCommand;
import org.lanfree.cli.fs.ClientCommand;
import org.lanfree.cli.fsagent.FsAgentCommand;
import org.lanfree.cli.h2.H2PluginCommand;
import org.lanfree.cli.media.ListCommand;
import org.lanfree.cli.media.MediaServerCommand;
import org.lanfree.cli.media.SqlCommand;
import org.lanfree.cli.mount.MountCommand;
import org.lanfree.cli.mount.UmountCommand;
import org.lanfree.cli.pg.DbAgentCommand;
import org.lanfree.cli.report.CrosscheckCommand;
import org.lanfree.cli.report.DeleteCommand;
import org.lanfree.cli.report.ReportCommand;
import org.lanfree.cli.tape.TapeCommand;
import org.lanfree.cli.transport.TransportCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code lanfree}: the root command. Every level has --help and --version. */
@Command(name = "lanfree", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class, sortOptions = false,
        description = "LAN-free backup: control over the LAN, data through the storage array.",
        footer = {"", "Exit codes: 0 done, 1 failed, 2 bad usage or configuration.",
                "Deployment commands find their home from --home DIR or $LANFREE_HOME."})
public final class Main implements Runnable {

    @Spec
    CommandSpec command;

    public static void main(String[] args) {
        configureLogging(args);
        CommandLine cli = commandLine();
        int code = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        System.exit(code);
    }

    /**
     * Daemons in the foreground ({@code ... start}) log INFO to stdout with timestamps, as an
     * operator reading their log expects; every other command shows only warnings and errors,
     * on stderr, so its own output stays readable. A {@code -D} setting given by the user wins.
     */
    static void configureLogging(String[] args) {
        boolean daemon = args.length >= 2 && args[1].equals("start");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", daemon ? "info" : "warn");
        if (daemon) {
            setIfAbsent("org.slf4j.simpleLogger.logFile", "System.out");
            setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
            setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** The command tree with the registered daemons, its error handling and exit codes. */
    public static CommandLine commandLine() {
        return commandLine(Daemons.all());
    }

    /** The command tree for another set of daemons (tests use daemons that misbehave on purpose). */
    public static CommandLine commandLine(List<DaemonSpec> daemons) {
        CommandLine cli = new CommandLine(new Main())
                .addSubcommand("up", new UpCommand(daemons))
                .addSubcommand("down", new DownCommand(daemons))
                .addSubcommand("status", new StatusCommand(daemons))
                .addSubcommand("array-sim", new ArraySimCommand())
                .addSubcommand("media-server", new MediaServerCommand())
                .addSubcommand("tape", new TapeCommand())
                .addSubcommand("list", new ListCommand())
                .addSubcommand("report", new ReportCommand())
                .addSubcommand("crosscheck", new CrosscheckCommand())
                .addSubcommand("delete", new DeleteCommand())
                .addSubcommand("sql", new SqlCommand())
                .addSubcommand("client", new ClientCommand())
                .addSubcommand("fs-agent", new FsAgentCommand())
                .addSubcommand("db-agent", new DbAgentCommand())
                .addSubcommand("backup", new BackupCommand())
                .addSubcommand("restore", new RestoreCommand())
                .addSubcommand("mount", new MountCommand())
                .addSubcommand("umount", new UmountCommand())
                .addSubcommand("h2-plugin", new H2PluginCommand())
                .addSubcommand("bench", new BenchCommand())
                .addSubcommand("transport", new TransportCommand())
                .addSubcommand("demo", new DemoCommand(daemons));
        cli.setExecutionExceptionHandler(Main::onFailure);
        cli.setParameterExceptionHandler(Main::onBadUsage);
        return cli;
    }

    @Override
    public void run() {
        throw new ParameterException(command.commandLine(), "lanfree needs a command");
    }

    /** A {@link CommandFailure} prints its message alone; anything else is a bug and shows its trace. */
    private static int onFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof CommandFailure f) {
            err.println(cli.getCommandSpec().qualifiedName() + ": " + f.getMessage());
            err.flush();
            return f.exitCode();
        }
        err.println(cli.getCommandSpec().qualifiedName() + ": internal error: " + e);
        e.printStackTrace(err);
        err.flush();
        return CommandFailure.FAILED;
    }

    /** Bad usage: the message and where to read more, not the whole help text. */
    private static int onBadUsage(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(cli.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return CommandFailure.USAGE;
    }
}
