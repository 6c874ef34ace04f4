package org.lanfree.cli.media;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lanfree.media.server.MediaServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lanfree media-server start}: the media server in the foreground until SIGTERM or SIGINT. */
@Command(name = "start", description = {
        "Run the media server in the foreground, logging to stdout, until SIGTERM or Ctrl-C.",
        "The array must be running. Exit codes: 0 after a clean stop, 1 when it cannot start,"
                + " 2 when the configuration is bad."})
public final class MediaServerStartCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "The media server's configuration (see 'lanfree up' for a generated one).")
    Path config;

    @Override
    public Integer call() {
        MediaServerDaemon.read(config);
        return MediaServer.runForeground(config.toAbsolutePath());
    }
}
