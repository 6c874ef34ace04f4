package org.lanfree.media.vtl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A library's configuration, read from a {@code vtl.conf} file. The documented default file is the
 * resource {@code org/lanfree/media/vtl/vtl.conf} ({@link #defaultText()}); every key is optional.
 *
 * @param folder            where the library keeps {@code cartridges/}, {@code shelf/} and {@code library.state}
 * @param initialCartridges how many cartridges a new library starts with, in slots 1 and up
 * @param firstBarcode      the first of them; the others count up ({@code LF0001L8}, {@code LF0002L8}, ...)
 * @param initialPool       the pool they start in
 * @param capacity          bytes a new cartridge holds
 * @param earlyWarning      the data-file offset from which a new cartridge reports early warning
 */
public record LibraryConfig(Path folder, int drives, int slots, int importExportSlots, int blockSize,
        int initialCartridges, Barcode firstBarcode, String initialPool, long capacity, long earlyWarning) {

    public static final String RESOURCE = "vtl.conf";

    public LibraryConfig {
        Pools.check(initialPool);
        if (drives < 1 || slots < 1 || importExportSlots < 0 || initialCartridges < 0 || initialCartridges > slots
                || blockSize < 1 || blockSize > Drive.MAX_BLOCK_SIZE || earlyWarning < 1
                || earlyWarning > capacity - blockSize) {
            throw new IllegalArgumentException("library configuration is not consistent: " + drives + " drives, "
                    + slots + " slots, " + importExportSlots + " import/export slots, " + initialCartridges
                    + " cartridges, block size " + blockSize + ", capacity " + capacity + ", early warning "
                    + earlyWarning + "; expected at least one drive and slot, no more cartridges than slots, and"
                    + " early warning at least one block before the capacity");
        }
    }

    private static final Set<String> KEYS = Set.of("library.folder", "library.drives", "library.slots",
            "library.ie-slots", "drive.block-size", "cartridges.count", "cartridges.first", "cartridges.pool",
            "cartridges.capacity", "cartridges.early-warning");

    /** The documented default configuration file's text. */
    public static String defaultText() {
        try (InputStream in = LibraryConfig.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the media-server jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The defaults, with the library kept in {@code folder}. */
    public static LibraryConfig defaults(Path folder) {
        try {
            return parse(defaultText(), folder.toAbsolutePath().getParent()).withFolder(folder);
        } catch (LibraryConfigException e) {
            throw new IllegalStateException("the built-in " + RESOURCE + " is broken: " + e.getMessage(), e);
        }
    }

    public LibraryConfig withFolder(Path newFolder) {
        return new LibraryConfig(newFolder, drives, slots, importExportSlots, blockSize, initialCartridges,
                firstBarcode, initialPool, capacity, earlyWarning);
    }

    /** Reads a configuration file; relative paths are resolved against its folder. */
    public static LibraryConfig read(Path file) throws LibraryConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new LibraryConfigException("--config", "file " + file + " does not exist",
                    "give the path of a library configuration; the documented default is " + RESOURCE);
        } catch (IOException e) {
            throw new LibraryConfigException("--config", "cannot read " + file + ": " + e.getMessage(),
                    "check the file's permissions");
        }
        return parse(lines, file.toAbsolutePath().getParent(), file.getFileName().toString());
    }

    /** Parses configuration text; relative paths are resolved against {@code base}. */
    public static LibraryConfig parse(String text, Path base) throws LibraryConfigException {
        return parse(List.of(text.split("\n")), base, RESOURCE);
    }

    private static LibraryConfig parse(List<String> lines, Path base, String name) throws LibraryConfigException {
        Map<String, String> v;
        try {
            v = new HashMap<>(KeyValues.parse(lines, name));
        } catch (KeyValues.BadLine e) {
            throw new LibraryConfigException(e.where, e.problem, e.hint);
        }
        for (String key : v.keySet()) {
            if (!KEYS.contains(key)) {
                throw new LibraryConfigException(key, "is not a library setting", "known keys: "
                        + new TreeSet<>(KEYS));
            }
        }
        int blockSize = (int) size(v, "drive.block-size", "256K", 1, Drive.MAX_BLOCK_SIZE);
        int slots = (int) count(v, "library.slots", "20", 1, 10_000);
        long capacity = size(v, "cartridges.capacity", "8G", 2L * blockSize, Long.MAX_VALUE);
        String ew = v.getOrDefault("cartridges.early-warning", Long.toString(capacity - capacity / 32));
        v.put("cartridges.early-warning", ew);
        long earlyWarning = size(v, "cartridges.early-warning", ew, 1, capacity - blockSize);
        Barcode first;
        String pool;
        try {
            first = Barcode.valueOf(v.getOrDefault("cartridges.first", "LF0001L8"));
        } catch (IllegalArgumentException e) {
            throw new LibraryConfigException("cartridges.first", e.getMessage(), "e.g. LF0001L8");
        }
        try {
            pool = Pools.check(v.getOrDefault("cartridges.pool", Pools.SCRATCH));
        } catch (IllegalArgumentException e) {
            throw new LibraryConfigException("cartridges.pool", e.getMessage(), "e.g. scratch");
        }
        return new LibraryConfig(base.resolve(v.getOrDefault("library.folder", "vtl")),
                (int) count(v, "library.drives", "2", 1, 256), slots,
                (int) count(v, "library.ie-slots", "1", 0, 256), blockSize,
                (int) count(v, "cartridges.count", "10", 0, slots), first, pool, capacity, earlyWarning);
    }

    private static long count(Map<String, String> v, String key, String fallback, long min, long max)
            throws LibraryConfigException {
        String text = v.getOrDefault(key, fallback);
        try {
            long n = Long.parseLong(text.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            throw new LibraryConfigException(key, "'" + text + "' is not a whole number", "write e.g. " + fallback);
        }
        throw new LibraryConfigException(key, text + " is out of range", "expected " + min + " to " + max);
    }

    private static long size(Map<String, String> v, String key, String fallback, long min, long max)
            throws LibraryConfigException {
        String text = v.getOrDefault(key, fallback);
        long bytes;
        try {
            bytes = parseSize(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new LibraryConfigException(key, "'" + text + "' is not a size", "write a whole number of bytes"
                    + " with an optional K, M, G or T suffix, e.g. " + fallback);
        }
        if (bytes < min || bytes > max) {
            throw new LibraryConfigException(key, text + " (" + bytes + " bytes) is out of range",
                    "expected " + min + " to " + max + " bytes");
        }
        return bytes;
    }

    /**
     * A size as configuration files write it: a whole number of bytes with an optional K, M, G or T
     * suffix (binary units), e.g. {@code 256K}. Throws NumberFormatException or ArithmeticException.
     */
    public static long parseSize(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        long unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            case 'T' -> 1L << 40;
            default -> 1;
        };
        return Math.multiplyExact(Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1).strip()), unit);
    }
}
