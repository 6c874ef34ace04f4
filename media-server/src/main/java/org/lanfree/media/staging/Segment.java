package org.lanfree.media.staging;

import java.time.Instant;
import java.util.Optional;

/**
 * A segment of a stream as the pool lists it.
 *
 * @param seq    the pool-wide sequence number given when its writer opened: older segments have lower numbers
 * @param onDisk whether the pool's disk still holds it
 * @param tape   where a migration put it, if one did
 */
public record Segment(StreamKey stream, String name, long seq, long bytes, String sha256, Instant added,
        boolean onDisk, Optional<TapeCopy> tape) {

    /** Where a segment can be read from. */
    public enum Place { DISK, TAPE, BOTH }

    public Place place() {
        return onDisk && tape.isPresent() ? Place.BOTH : onDisk ? Place.DISK : Place.TAPE;
    }

    /** Its member name in a tape archive and in {@code SHA256SUMS}: {@code stream/segment}. */
    public String member() {
        return stream + "/" + name;
    }

    Segment onTape(TapeCopy copy) {
        return new Segment(stream, name, seq, bytes, sha256, added, onDisk, Optional.of(copy));
    }

    Segment dropped() {
        return new Segment(stream, name, seq, bytes, sha256, added, false, tape);
    }

    @Override
    public String toString() {
        return "segment " + name + " (#" + seq + ") of stream " + stream;
    }
}
