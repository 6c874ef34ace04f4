package org.lanfree.fs.agent;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.Message;
import org.lanfree.fs.posix.ByteString;
import org.lanfree.fs.tree.Warnings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends each problem file to the media server as a {@link Message.FileWarning} on the error channel. */
final class WarningSender implements Warnings {

    private static final Logger log = LoggerFactory.getLogger(WarningSender.class);

    private final FrameWriter errors;
    private final AtomicLong count = new AtomicLong();

    WarningSender(FrameWriter errors) {
        this.errors = errors;
    }

    @Override
    public void warn(ByteString path, String problem) {
        count.incrementAndGet();
        log.warn("fs-agent: {}: {}", path, problem);
        try {
            errors.writeMessage(new Message.FileWarning(path.toByteArray(), problem.length() > 4000
                    ? problem.substring(0, 3997) + "..." : problem));
        } catch (IOException e) {
            log.warn("fs-agent: the media server did not get the warning about {}: {}", path, e.getMessage());
        }
    }

    long count() {
        return count.get();
    }
}
