package org.lanfree.media.staging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.SortedSet;
import org.lanfree.media.vtl.Section;

/**
 * What the manifest says, in memory: every stream's segments by name, the tape files of past
 * migrations, and the flushed prefixes of segments still being written. Built by replaying the
 * manifest and kept current by applying each record after it is durable. Not thread-safe: the pool
 * guards it.
 */
final class PoolIndex {

    private final Map<StreamKey, TreeMap<String, Segment>> streams = new TreeMap<>();
    private final Map<String, List<Section>> tapeFiles = new HashMap<>();
    private final Map<Long, ManifestRecord.Flushed> flushed = new HashMap<>();
    private long lastSeq;

    void apply(ManifestRecord record) {
        switch (record) {
            case ManifestRecord.Added a -> {
                streams.computeIfAbsent(a.stream(), k -> new TreeMap<>()).put(a.segment(), new Segment(a.stream(),
                        a.segment(), a.seq(), a.bytes(), a.sha256(), a.at(), true, Optional.empty()));
                flushed.remove(a.seq());
                seen(a.seq());
            }
            case ManifestRecord.Flushed f -> {
                flushed.put(f.seq(), f);
                seen(f.seq());
            }
            case ManifestRecord.TapeFile t -> tapeFiles.put(t.id(), t.sections());
            case ManifestRecord.OnTape o -> replace(o.stream(), o.segment(), o.seq(),
                    s -> s.onTape(new TapeCopy(o.tapeFile(), tapeFiles.getOrDefault(o.tapeFile(), List.of()),
                            o.offset())));
            case ManifestRecord.Dropped d -> replace(d.stream(), d.segment(), d.seq(), Segment::dropped);
        }
    }

    private void replace(StreamKey stream, String name, long seq, java.util.function.UnaryOperator<Segment> change) {
        Segment s = segment(stream, name).orElse(null);
        if (s != null && s.seq() == seq) {
            streams.get(stream).put(name, change.apply(s));
        }
    }

    private void seen(long seq) {
        lastSeq = Math.max(lastSeq, seq);
    }

    long nextSeq() {
        return ++lastSeq;
    }

    Optional<Segment> segment(StreamKey stream, String name) {
        TreeMap<String, Segment> m = streams.get(stream);
        return Optional.ofNullable(m == null ? null : m.get(name));
    }

    Optional<ManifestRecord.Flushed> flushed(long seq) {
        return Optional.ofNullable(flushed.get(seq));
    }

    void forgetFlushed(long seq) {
        flushed.remove(seq);
    }

    SortedSet<StreamKey> streams() {
        return new TreeSet<>(streams.keySet());
    }

    List<Segment> list(StreamKey stream) {
        TreeMap<String, Segment> m = streams.get(stream);
        return m == null ? List.of() : List.copyOf(m.values());
    }

    List<Segment> all() {
        List<Segment> all = new ArrayList<>();
        streams.values().forEach(m -> all.addAll(m.values()));
        all.sort(Comparator.comparingLong(Segment::seq));
        return all;
    }

    /** Bytes of the segments on disk, by stream. */
    Map<StreamKey, Long> diskBytes() {
        Map<StreamKey, Long> usage = new TreeMap<>();
        for (Segment s : all()) {
            if (s.onDisk()) {
                usage.merge(s.stream(), s.bytes(), Long::sum);
            }
        }
        return usage;
    }

    /** The oldest segments on disk and not on tape, up to {@code batchBytes} (at least one). */
    List<Segment> pending(long batchBytes) {
        List<Segment> batch = new ArrayList<>();
        long bytes = 0;
        for (Segment s : all()) {
            if (s.onDisk() && s.tape().isEmpty()) {
                if (!batch.isEmpty() && bytes + s.bytes() > batchBytes) {
                    break;
                }
                batch.add(s);
                bytes += s.bytes();
            }
        }
        return batch;
    }

    /**
     * The segments on disk and on tape that the policy does not keep: per stream, the newest
     * {@code keepSegments} stay, and the newest up to {@code keepBytes} too.
     */
    List<Segment> droppable(StagingPolicy policy) {
        List<Segment> drop = new ArrayList<>();
        for (TreeMap<String, Segment> m : streams.values()) {
            List<Segment> newestFirst = new ArrayList<>(m.values().stream().filter(Segment::onDisk).toList());
            newestFirst.sort(Comparator.comparingLong(Segment::seq).reversed());
            long bytes = 0;
            for (int i = 0; i < newestFirst.size(); i++) {
                Segment s = newestFirst.get(i);
                bytes += s.bytes();
                boolean kept = i < policy.keepSegments() || bytes <= policy.keepBytes();
                if (!kept && s.tape().isPresent()) {
                    drop.add(s);
                }
            }
        }
        return drop;
    }
}
