package org.lanfree.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.TreeMap;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.console.Json;
import org.lanfree.cli.fs.BackupFsCommand;
import org.lanfree.cli.fs.RestoreFsCommand;
import org.lanfree.cli.list.ListFilesCommand;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A sample folder backed up by the deployment's fs-agent: a full, then changes (a file added,
 * one changed, one deleted) and an incremental, then the incremental restored into a new folder
 * and compared with the folder as it is, file by file.
 */
final class FileTreeToTape implements DemoStep {

    @Override
    public String title() {
        return "File-tree backup: full, incremental and a verified restore";
    }

    @Override
    public void run(DemoContext context) throws Exception {
        String home = context.home().dir().toString();
        Path sample = context.home().dir().resolve("sample");
        writeSample(sample);
        context.say("a sample folder " + sample + " with " + files(sample).size() + " files");

        JsonNode full = backup(home, sample, "full");
        context.say("lanfree backup fs --client local --path " + sample + ": backup " + full.get("backupId").asLong()
                + ", " + full.get("bytes").asLong() + " bytes through the array to tape");

        Files.writeString(sample.resolve("notes/added.txt"), "written after the full backup\n");
        Files.writeString(sample.resolve("notes/todo.txt"), "changed after the full backup\n");
        Files.delete(sample.resolve("data/part-3.bin"));
        context.say("changed the folder: notes/added.txt added, notes/todo.txt changed, data/part-3.bin deleted");

        JsonNode incremental = backup(home, sample, "incremental");
        long id = incremental.get("backupId").asLong();
        context.say("lanfree backup fs --level incremental: backup " + id + ", only " + incremental.get("bytes").asLong()
                + " bytes: just what changed");
        context.say("lanfree list files --backup " + id + " (from the catalog, no tape touched)");
        context.sayLines(DemoContext.execute(new ListFilesCommand(), "--backup", Long.toString(id), "--home", home));

        Path restored = context.home().dir().resolve("sample-restored");
        String out = DemoContext.execute(new RestoreFsCommand(), "--backup", Long.toString(id), "--target",
                restored.toString(), "--json", "--home", home);
        JsonNode restore = Json.parse(out.substring(out.indexOf('{')), "restore fs");
        context.say("lanfree restore fs --backup " + id + " --target " + restored + ": " + restore.get("state").asText()
                + " (the full and the incremental applied in order)");
        boolean same = files(sample).equals(files(restored));
        context.say(same ? "the restored folder equals the sample folder, file for file (the deleted file is absent)"
                : "the restored folder DIFFERS from the sample folder");
        context.summary().putObject("fileTree").put("full", full.get("backupId").asLong()).put("incremental", id)
                .put("restoredEqual", same);
        if (!same) {
            throw CommandFailure.failed("the restored folder differs from the sample folder");
        }
    }

    private static JsonNode backup(String home, Path sample, String level) {
        String out = DemoContext.execute(new BackupFsCommand(), "--client", "local", "--path", sample.toString(),
                "--level", level, "--json", "--home", home);
        return Json.parse(out.substring(out.indexOf('{')), "backup fs");
    }

    private static void writeSample(Path root) throws IOException {
        Files.createDirectories(root.resolve("notes"));
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("notes/todo.txt"), "back up the sample folder\n");
        Files.writeString(root.resolve("notes/readme.txt"), "lanfree demo\n");
        Random random = new Random(3);
        for (int i = 0; i < 5; i++) {
            byte[] b = new byte[200_000 + i * 100_000];
            random.nextBytes(b);
            Files.write(root.resolve("data/part-" + i + ".bin"), b);
        }
    }

    /** Relative path to the SHA-256 of its content, for every regular file. */
    private static TreeMap<String, String> files(Path root) throws Exception {
        TreeMap<String, String> out = new TreeMap<>();
        try (var all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                out.put(root.relativize(p).toString(), HexFormat.of().formatHex(digest));
            }
        }
        return out;
    }
}
