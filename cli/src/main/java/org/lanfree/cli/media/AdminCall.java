package org.lanfree.cli.media;

import java.io.IOException;
import java.time.Duration;

import org.lanfree.cli.console.CommandFailure;
import org.lanfree.cli.deploy.Home;
import org.lanfree.connect.wire.WireException;
import org.lanfree.media.server.AdminClient;
import org.lanfree.media.server.AdminException;
import org.lanfree.media.server.ServerConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One request to the media server of a deployment, over its admin port with its admin secret
 * (both from {@code HOME/media-server.conf}). Every failure becomes a {@link CommandFailure}
 * saying whether the server is down, refused the secret, or refused the request.
 */
public final class AdminCall {

    private static final Duration REPLY = Duration.ofMinutes(2);

    private AdminCall() {
    }

    public static JsonNode ask(Home home, ObjectNode request) {
        ServerConfig config = MediaServerDaemon.read(home.file(MediaServerDaemon.CONFIG_FILE));
        String where = "127.0.0.1:" + config.adminPort();
        try (AdminClient client = AdminClient.connect(config.adminPort(), config.adminSecret(), REPLY)) {
            return client.ask(request);
        } catch (AdminException e) {
            throw CommandFailure.failed(e.getMessage());
        } catch (WireException e) {
            throw CommandFailure.failed("the media server at " + where + " ended the admin connection: " + e.getMessage()
                    + (e.getMessage().contains("HINT") ? "" : ". HINT: check admin.secret-file in "
                    + config.file() + " against the running server's"), e);
        } catch (IOException e) {
            throw CommandFailure.failed("the media server of " + home + " does not answer at " + where + " ("
                    + e.getMessage() + "). HINT: start it with 'lanfree up --home " + home + "'", e);
        }
    }
}
