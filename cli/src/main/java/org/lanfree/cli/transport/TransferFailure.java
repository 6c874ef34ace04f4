package org.lanfree.cli.transport;

import java.io.IOException;

import org.lanfree.cli.console.Bytes;
import org.lanfree.connect.wire.FrameWriter;
import org.lanfree.connect.wire.WireException;

/** Failures in the middle of a transfer: how far it came, and telling the peer why. */
final class TransferFailure {

    private TransferFailure() {
    }

    /**
     * The cause with what was being done and how far it came put in front ({@code total} below
     * 0: unknown); the cause's wire code is kept.
     */
    static WireException of(String doing, long done, long total, IOException cause) {
        String far = total >= 0 ? Bytes.format(done) + " of " + Bytes.format(total) : Bytes.format(done);
        return WireException.of(cause).withContext(doing + " failed after " + far);
    }

    /** Sends the failure to the peer in an ERROR frame, unless the peer raised it; best effort. */
    static void tell(FrameWriter writer, WireException failure) {
        if (!failure.worthTelling()) {
            return;
        }
        try {
            writer.writeError(failure.code(), failure.detail());
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
