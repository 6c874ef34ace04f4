package org.lanfree.db.pg.restore;

import java.util.List;

import org.lanfree.db.pg.wal.Lsn;

/** Where recovery stops: PostgreSQL's recovery_target settings, promoting once there. */
public sealed interface RecoveryTarget {

    /** The settings, as postgresql.conf lines. */
    List<String> settings();

    /** The end of the WAL the backup holds (consistency), then promote. */
    record Immediate() implements RecoveryTarget {
        @Override
        public List<String> settings() {
            return List.of("recovery_target = 'immediate'");
        }
    }

    /** The last transaction committed at or before {@code time} (a timestamptz literal). */
    record Time(String time) implements RecoveryTarget {
        @Override
        public List<String> settings() {
            return List.of("recovery_target_time = " + quote(time));
        }
    }

    /** WAL up to {@code lsn}. */
    record AtLsn(Lsn lsn) implements RecoveryTarget {
        @Override
        public List<String> settings() {
            return List.of("recovery_target_lsn = '" + lsn + "'");
        }
    }

    /** As far as the staged WAL goes. */
    record EndOfWal() implements RecoveryTarget {
        @Override
        public List<String> settings() {
            return List.of();
        }
    }

    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
