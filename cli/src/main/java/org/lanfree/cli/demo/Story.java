package org.lanfree.cli.demo;

import java.util.List;

/**
 * The demo's steps in order, and the cleanup steps that run whatever happened. Extend the story
 * by adding a step here (tapes, databases, file trees: each one more {@link DemoStep}).
 */
final class Story {

    private Story() {
    }

    static List<DemoStep> steps() {
        return List.of(new PrepareHome(), new StartArray(), new FileSystemBackup(), new DatabaseBackup(),
                new BackupToTape(), new FileTreeToTape(), new H2BackupFromSql(), new ShowArrayStatus());
    }

    static List<DemoStep> cleanup() {
        return List.of(new StopArray(), new RemoveHome());
    }
}
