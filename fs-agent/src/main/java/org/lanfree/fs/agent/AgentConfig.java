package org.lanfree.fs.agent;

import java.nio.file.Path;

import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.stp.ChannelAddress;

/**
 * An fs-agent's configuration, as {@link AgentConfigReader} reads it from {@code fs-agent.conf}.
 *
 * @param client      the client's name in the media server's catalog
 * @param port        the well-known port; the next port is the agent's too
 * @param secret      shared with the media server
 * @param arraySecret the array's channel secret; null when the array has none
 */
public record AgentConfig(Path file, String client, String host, int port, SharedSecret secret,
        ChannelAddress arrayChannel, SharedSecret arraySecret) {
}
