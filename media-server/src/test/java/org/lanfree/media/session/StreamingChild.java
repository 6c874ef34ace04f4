package org.lanfree.media.session;

import org.lanfree.connect.SockAddr;

/**
 * A child JVM that streams DATA frames to a media server session forever, printing
 * {@code sent N} after every N-th 500 kB, until it is killed; it never sends END.
 */
public final class StreamingChild {

    private StreamingChild() {
    }

    public static void main(String[] args) throws Exception {
        byte[] chunk = SessionFixtures.random(500_000, 7);
        try (StreamSender sender = new StreamSender(new SockAddr.Net("127.0.0.1", Integer.parseInt(args[0])))) {
            for (int n = 1; ; n++) {
                sender.data(chunk);
                System.out.println("sent " + n);
            }
        }
    }
}
