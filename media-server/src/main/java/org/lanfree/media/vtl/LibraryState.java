package org.lanfree.media.vtl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which cartridge is in which element, and the slot each loaded cartridge came from, kept in
 * {@code library.state} and replaced after every move so a restart finds cartridges where they were.
 *
 * <pre>
 * slot.1 = LF0001L8
 * drive.0 = LF0003L8
 * drive.0.home = 3        the slot an unload returns it to
 * ie.21 = LF0011L8
 * </pre>
 *
 * Not thread-safe: the library serialises calls.
 */
final class LibraryState {

    static final String FILE = "library.state";

    private final Path file;
    private final Map<Element, Barcode> contents = new HashMap<>();
    private final Map<Barcode, Element> places = new HashMap<>();
    private final Map<Integer, Integer> homes = new HashMap<>();

    LibraryState(Path folder) {
        this.file = folder.resolve(FILE);
    }

    boolean exists() {
        return Files.exists(file);
    }

    /** Reads the file; entries it cannot parse are returned to the caller as unplaced. */
    Map<String, String> load() throws IOException {
        Map<String, String> rejected = new TreeMap<>();
        Map<String, String> values = KeyValues.read(file);
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            if (key.endsWith(".home")) {
                continue;
            }
            try {
                Element element = Element.valueOf(key);
                Barcode barcode = Barcode.valueOf(e.getValue());
                if (places.containsKey(barcode)) {
                    rejected.put(key, e.getValue() + " is also in " + places.get(barcode));
                    continue;
                }
                put(element, barcode);
                String home = values.get(key + ".home");
                if (element.isDrive() && home != null) {
                    homes.put(element.number(), Integer.parseInt(home));
                }
            } catch (IllegalArgumentException bad) {
                rejected.put(key, bad.getMessage());
            }
        }
        return rejected;
    }

    void save() throws IOException {
        StringBuilder s = new StringBuilder("# lanfree tape library state: which cartridge is where (element ="
                + " barcode),\n# and for a loaded cartridge the slot it returns to. Written by lanfree after every"
                + " move.\n");
        contents.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> a.type() != b.type()
                        ? a.type().compareTo(b.type()) : Integer.compare(a.number(), b.number())))
                .forEach(e -> {
                    s.append(e.getKey().key()).append(" = ").append(e.getValue()).append('\n');
                    Integer home = e.getKey().isDrive() ? homes.get(e.getKey().number()) : null;
                    if (home != null) {
                        s.append(e.getKey().key()).append(".home = ").append(home).append('\n');
                    }
                });
        KeyValues.replace(file, s.toString());
    }

    /** A copy of the element to cartridge map. */
    Map<Element, Barcode> contents() {
        return new HashMap<>(contents);
    }

    Optional<Barcode> at(Element element) {
        return Optional.ofNullable(contents.get(element));
    }

    Optional<Element> place(Barcode barcode) {
        return Optional.ofNullable(places.get(barcode));
    }

    Optional<Integer> home(int drive) {
        return Optional.ofNullable(homes.get(drive));
    }

    void put(Element element, Barcode barcode) {
        contents.put(element, barcode);
        places.put(barcode, element);
    }

    void remove(Element element) {
        Barcode barcode = contents.remove(element);
        if (barcode != null) {
            places.remove(barcode);
        }
        if (element.isDrive()) {
            homes.remove(element.number());
        }
    }

    /** Moves the cartridge in {@code from} to {@code to}, remembering a drive's home slot. */
    void move(Element from, Element to) {
        Barcode barcode = contents.get(from);
        Integer home = from.isDrive() ? homes.get(from.number()) : null;
        remove(from);
        put(to, barcode);
        if (to.isDrive()) {
            if (from.type() == Element.Type.SLOT) {
                homes.put(to.number(), from.number());
            } else if (home != null) {
                homes.put(to.number(), home);
            }
        }
    }
}
