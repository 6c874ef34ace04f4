package org.lanfree.cli.list;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.lanfree.cli.console.Json;
import org.lanfree.cli.console.Table;
import org.lanfree.cli.deploy.HomeOption;
import org.lanfree.cli.media.AdminCall;
import org.lanfree.media.server.AdminClient;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanfree list files}: the files of a file-tree backup, from the catalog. Names that are not
 * valid UTF-8 show their bad bytes as {@code \xNN}; JSON adds the exact bytes in base64.
 */
@Command(name = "files", description = "List the files of a file-tree backup from the catalog (tape is not read):"
        + " the whole tree as it was at that backup, or with --changes-only what that backup itself holds.")
public final class ListFilesCommand implements Callable<Integer> {

    @Mixin
    HomeOption homeOption;

    @Option(names = "--backup", paramLabel = "ID", required = true, description = "The backup's id (list backups).")
    long backup;

    @Option(names = "--path", paramLabel = "P", description = "Only P and what lies under it, e.g. /etc.")
    String path;

    @Option(names = "--changes-only", description = "Only what this backup stored (an incremental's changes and"
            + " deletions), not the tree merged along its chain.")
    boolean changesOnly;

    @Option(names = "--json", description = "Print JSON: [{path, pathBase64, validUtf8, type, state, size, mode, uid,"
            + " gid, mtime, linkTarget, linkTargetBase64, backupId}]. path shows invalid UTF-8 bytes and control"
            + " characters as \\xNN; pathBase64 holds the exact bytes; backupId is the backup whose archive holds"
            + " the file.")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        JsonNode result = AdminCall.ask(homeOption.home(), AdminClient.request("list.files").put("backup", backup)
                .put("path", path).put("changesOnly", changesOnly));
        JsonNode files = result.get("files");
        PrintWriter out = command.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(files));
            return 0;
        }
        Table table = new Table("TYPE", "MODE", "UID", "GID", "SIZE", "MODIFIED", "STATE", "PATH");
        for (JsonNode f : files) {
            String name = f.get("path").asText();
            if (!f.get("linkTarget").isNull()) {
                name += " -> " + f.get("linkTarget").asText();
            }
            table.row(f.get("type").asText(), f.get("mode").asText(), f.get("uid").asLong(), f.get("gid").asLong(),
                    f.get("size").asLong(), Times.show(f.get("mtime")), f.get("state").asText(), name);
        }
        out.print(table.isEmpty() ? "no files in backup " + backup + (path == null ? "" : " under " + path) + "\n"
                : table.render());
        return 0;
    }
}
