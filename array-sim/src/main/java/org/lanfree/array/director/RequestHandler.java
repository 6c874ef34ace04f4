package org.lanfree.array.director;

import java.util.List;

import org.lanfree.array.channel.Request;

/** What a channel director does with the requests it takes from its queue. */
public interface RequestHandler {

    /** Serves requests taken from the queue together (in order), replying after all of them. */
    void handle(List<Request> requests);
}
