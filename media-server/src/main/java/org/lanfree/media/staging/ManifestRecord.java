package org.lanfree.media.staging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lanfree.media.vtl.Barcode;
import org.lanfree.media.vtl.Section;

/**
 * One record of the manifest, as one line of text after its checksum:
 *
 * <pre>
 * ADD seq=N stream=S segment=X bytes=B sha256=H at=MILLIS    segment X is on disk, acknowledged
 * PART seq=N stream=S segment=X bytes=B sha256=H              the first B bytes of segment N, in progress, are durable
 * TAPEFILE id=I sections=BARCODE:FILE:FIRST:LAST:BYTES:OFFSET,...   a tape file written by a migration
 * ONTAPE seq=N stream=S segment=X tapefile=I offset=O         segment N is in tape file I, its data at archive offset O
 * DROP seq=N stream=S segment=X                               segment N's local copy is deleted
 * </pre>
 *
 * Values hold no spaces: stream keys, segment names, barcodes and ids are restricted to letters, digits
 * and {@code ._-/:}.
 */
sealed interface ManifestRecord {

    String encode();

    record Added(long seq, StreamKey stream, String segment, long bytes, String sha256, Instant at)
            implements ManifestRecord {
        @Override
        public String encode() {
            return "ADD seq=" + seq + " stream=" + stream + " segment=" + segment + " bytes=" + bytes + " sha256="
                    + sha256 + " at=" + at.toEpochMilli();
        }
    }

    record Flushed(long seq, StreamKey stream, String segment, long bytes, String sha256)
            implements ManifestRecord {
        @Override
        public String encode() {
            return "PART seq=" + seq + " stream=" + stream + " segment=" + segment + " bytes=" + bytes
                    + " sha256=" + sha256;
        }
    }

    record TapeFile(String id, List<Section> sections) implements ManifestRecord {
        @Override
        public String encode() {
            List<String> parts = new ArrayList<>();
            for (Section s : sections) {
                parts.add(s.barcode() + ":" + s.fileNumber() + ":" + s.firstBlock() + ":" + s.lastBlock() + ":"
                        + s.payloadBytes() + ":" + s.payloadOffset());
            }
            return "TAPEFILE id=" + id + " sections=" + String.join(",", parts);
        }
    }

    record OnTape(long seq, StreamKey stream, String segment, String tapeFile, long offset) implements ManifestRecord {
        @Override
        public String encode() {
            return "ONTAPE seq=" + seq + " stream=" + stream + " segment=" + segment + " tapefile=" + tapeFile
                    + " offset=" + offset;
        }
    }

    record Dropped(long seq, StreamKey stream, String segment) implements ManifestRecord {
        @Override
        public String encode() {
            return "DROP seq=" + seq + " stream=" + stream + " segment=" + segment;
        }
    }

    /** Parses one record's text; throws {@link IllegalArgumentException} naming what is wrong. */
    static ManifestRecord decode(String text) {
        String[] words = text.split(" ");
        Map<String, String> f = new HashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("field '" + words[i] + "' is not key=value");
            }
            f.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        return switch (words[0]) {
            case "ADD" -> new Added(num(f, "seq"), stream(f), get(f, "segment"), num(f, "bytes"), get(f, "sha256"),
                    Instant.ofEpochMilli(num(f, "at")));
            case "PART" -> new Flushed(num(f, "seq"), stream(f), get(f, "segment"), num(f, "bytes"), get(f, "sha256"));
            case "TAPEFILE" -> new TapeFile(get(f, "id"), sections(get(f, "id"), get(f, "sections")));
            case "ONTAPE" -> new OnTape(num(f, "seq"), stream(f), get(f, "segment"), get(f, "tapefile"),
                    num(f, "offset"));
            case "DROP" -> new Dropped(num(f, "seq"), stream(f), get(f, "segment"));
            default -> throw new IllegalArgumentException("unknown record type '" + words[0] + "'");
        };
    }

    private static List<Section> sections(String id, String text) {
        List<Section> sections = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] v = part.split(":");
            if (v.length != 6) {
                throw new IllegalArgumentException("section '" + part + "' is not BARCODE:FILE:FIRST:LAST:BYTES:OFFSET");
            }
            sections.add(new Section(id, sections.size() + 1, Barcode.valueOf(v[0]), Integer.parseInt(v[1]),
                    Long.parseLong(v[2]), Long.parseLong(v[3]), Long.parseLong(v[4]), Long.parseLong(v[5])));
        }
        return sections;
    }

    private static String get(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("field " + key + " is missing");
        }
        return v;
    }

    private static long num(Map<String, String> f, String key) {
        return Long.parseLong(get(f, key));
    }

    private static StreamKey stream(Map<String, String> f) {
        return StreamKey.valueOf(get(f, "stream"));
    }
}
