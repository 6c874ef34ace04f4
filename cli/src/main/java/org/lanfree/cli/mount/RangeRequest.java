package org.lanfree.cli.mount;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.lanfree.connect.session.BackupDownload;
import org.lanfree.connect.session.MediaSession;

/**
 * One archive range over a session. Until the media server serves ranges, the whole archive is
 * asked for and read up to the range, which is correct but costs the bytes before it.
 */
final class RangeRequest {

    private RangeRequest() {
    }

    static InputStream open(MediaSession session, long backupId, long offset, long length, Duration startWait)
            throws IOException {
        BackupDownload all = session.restore(backupId, startWait);
        all.skipNBytes(offset);
        return new java.io.FilterInputStream(all) {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }
}
