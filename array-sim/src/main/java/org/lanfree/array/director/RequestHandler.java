package org.lanfree.array.director;

import org.lanfree.array.channel.Request;

/** What a channel director does with each request it takes from its queue. */
public interface RequestHandler {

    void handle(Request request);
}
