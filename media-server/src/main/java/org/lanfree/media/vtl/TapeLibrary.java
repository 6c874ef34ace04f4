package org.lanfree.media.vtl;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual tape library: drives, storage slots and import/export slots with a robot, and the
 * cartridges in them. Everything lives under the configured folder:
 *
 * <pre>
 * README.txt          how to recover a backup with dd, zstd and tar alone
 * library.state       which cartridge is where ({@link LibraryState})
 * cartridges/BARCODE/ data, index, meta of each cartridge in the library ({@link FileCartridge})
 * shelf/BARCODE/      cartridges taken out of the library
 * </pre>
 *
 * A library opened on an empty folder creates the configured labelled cartridges in slots 1 and
 * up. Opening recovers every cartridge left mid-write. All methods are thread-safe; a refused
 * request changes nothing.
 */
public final class TapeLibrary implements Closeable {

    static final String CARTRIDGES = "cartridges";
    static final String SHELF = "shelf";
    static final String README = "README.txt";

    private static final Logger log = LoggerFactory.getLogger(TapeLibrary.class);

    private final LibraryConfig config;
    private final Map<Barcode, FileCartridge> cartridges = new HashMap<>();
    private final List<Drive> drives = new ArrayList<>();
    private final LibraryState state;
    private final Robot robot;

    private TapeLibrary(LibraryConfig config) {
        this.config = config;
        this.state = new LibraryState(config.folder());
        for (int d = 0; d < config.drives(); d++) {
            drives.add(Drive.inLibrary(d, config.blockSize()));
        }
        this.robot = new Robot(config, state, cartridges, drives);
    }

    /** Opens the library in {@code config.folder()}, creating it with its first cartridges when new. */
    public static TapeLibrary open(LibraryConfig config) throws IOException {
        TapeLibrary library = new TapeLibrary(config);
        try {
            LibraryOpener.open(library.config, library.state, library.cartridges, library.drives);
            library.writeReadme();
        } catch (IOException | RuntimeException e) {
            library.close();
            throw e;
        }
        return library;
    }

    private void writeReadme() throws IOException {
        try (InputStream in = TapeLibrary.class.getResourceAsStream(README)) {
            byte[] text = in.readAllBytes();
            Path file = config.folder().resolve(README);
            if (!Files.exists(file) || !new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                    .equals(new String(text, StandardCharsets.UTF_8))) {
                Files.write(file, text);
            }
        }
    }

    public LibraryConfig config() {
        return config;
    }

    public List<Drive> drives() {
        return List.copyOf(drives);
    }

    public synchronized Drive drive(int number) throws RobotException {
        robot.check(Element.drive(number));
        return drives.get(number);
    }

    /** Every element, drives first, as {@code mtx status} lists them. */
    public synchronized List<Element> elements() {
        return robot.elements();
    }

    public synchronized Optional<Barcode> contents(Element element) throws RobotException {
        return robot.at(robot.check(element));
    }

    public synchronized Element locate(Barcode barcode) throws RobotException {
        return robot.place(barcode);
    }

    public synchronized CartridgeInfo cartridge(Barcode barcode) throws RobotException {
        return robot.cartridge(barcode).info(robot.place(barcode));
    }

    /** Every cartridge in the library, by barcode. */
    public synchronized List<CartridgeInfo> cartridges() throws RobotException {
        List<CartridgeInfo> all = new ArrayList<>();
        for (Barcode b : new TreeSet<>(cartridges.keySet())) {
            all.add(cartridge(b));
        }
        return all;
    }

    /** The pools the cartridges are in, scratch always among them. */
    public synchronized SortedSet<String> pools() {
        SortedSet<String> pools = new TreeSet<>();
        pools.add(Pools.SCRATCH);
        cartridges.values().forEach(c -> pools.add(c.pool()));
        return pools;
    }

    /** MOVE MEDIUM from one element to another. */
    public synchronized void move(Element from, Element to) throws IOException {
        robot.move(from, to);
    }

    /** Loads the cartridge from its slot into drive {@code drive} (rewound) and returns the drive. */
    public synchronized Drive load(Barcode barcode, int drive) throws IOException {
        Element target = robot.check(Element.drive(drive));
        Element from = robot.place(barcode);
        if (from.isDrive()) {
            throw new RobotException(RobotException.Reason.ALREADY_LOADED, "cartridge " + barcode + " is already"
                    + " loaded in " + from + ", cannot load it into " + target + "; HINT: use " + from
                    + ", or unload it first");
        }
        robot.move(from, target);
        return drives.get(drive);
    }

    /** Unloads drive {@code drive} to the slot its cartridge came from (or the first empty slot). */
    public synchronized Barcode unload(int drive) throws IOException {
        Element from = robot.check(Element.drive(drive));
        Barcode barcode = robot.at(from).orElseThrow(() -> new RobotException(
                RobotException.Reason.SOURCE_EMPTY, from + " is empty, nothing to unload; HINT: 'tape status'"
                + " shows which drives hold cartridges"));
        robot.move(from, robot.freeSlot(robot.home(drive).orElse(null), "unload " + barcode));
        return barcode;
    }

    /** Moves the cartridge from its storage slot to an empty import/export slot. */
    public synchronized Element exportCartridge(Barcode barcode) throws IOException {
        robot.checkNotLoaded(barcode, "export it");
        Element from = robot.place(barcode);
        if (from.type() == Element.Type.IMPORT_EXPORT) {
            return from;
        }
        Element to = robot.freeImportExport("export " + barcode);
        robot.move(from, to);
        return to;
    }

    /** Moves the cartridge from its import/export slot to the first empty storage slot. */
    public synchronized Element importCartridge(Barcode barcode) throws IOException {
        Element from = inImportExport(barcode, "import");
        Element to = robot.freeSlot(null, "import " + barcode);
        robot.move(from, to);
        return to;
    }

    /**
     * The operator puts a cartridge into an empty import/export slot: the one on the shelf with
     * this barcode, or a new blank one with the configured capacity in pool scratch.
     */
    public synchronized Element insert(Barcode barcode) throws IOException {
        if (cartridges.containsKey(barcode)) {
            throw new RobotException(RobotException.Reason.DUPLICATE_BARCODE, "barcode " + barcode + " is already"
                    + " in the library, in " + robot.place(barcode) + "; HINT: every cartridge needs its own"
                    + " barcode");
        }
        Element to = robot.freeImportExport("insert " + barcode);
        Path shelved = config.folder().resolve(SHELF).resolve(barcode.toString());
        Path home = config.folder().resolve(CARTRIDGES).resolve(barcode.toString());
        FileCartridge c;
        if (Files.isDirectory(shelved)) {
            Files.move(shelved, home, StandardCopyOption.ATOMIC_MOVE);
            c = FileCartridge.open(home);
        } else {
            c = FileCartridge.create(home, barcode, Pools.SCRATCH, config.capacity(), config.earlyWarning());
        }
        robot.arrive(to, c);
        return to;
    }

    /** The operator takes the cartridge out of its import/export slot; it goes to the shelf. */
    public synchronized void remove(Barcode barcode) throws IOException {
        Element from = inImportExport(barcode, "remove");
        FileCartridge c = robot.leave(from);
        c.close();
        Path shelf = config.folder().resolve(SHELF);
        Files.createDirectories(shelf);
        Files.move(c.folder(), shelf.resolve(barcode.toString()), StandardCopyOption.ATOMIC_MOVE);
    }

    private Element inImportExport(Barcode barcode, String what) throws RobotException {
        Element at = robot.place(barcode);
        if (at.type() != Element.Type.IMPORT_EXPORT) {
            throw new RobotException(RobotException.Reason.NOT_IN_IMPORT_EXPORT_SLOT, "cartridge " + barcode
                    + " is in " + at + ", not in an import/export slot, cannot " + what + " it; HINT: "
                    + (what.equals("import") ? "it is already inside the library" : "export it first"));
        }
        return at;
    }

    /**
     * Writes a new volume label (erasing the cartridge) and puts it in {@code pool}. A cartridge
     * that holds tape files is only relabelled with {@code overwrite}.
     */
    public synchronized void label(Barcode barcode, String pool, boolean overwrite) throws IOException {
        Pools.check(pool);
        FileCartridge c = robot.cartridge(barcode);
        robot.checkNotLoaded(barcode, "label it");
        CartridgeInfo info = c.info(null);
        if (info.tapeFiles() > 0 && !overwrite) {
            throw new TapeException(TapeException.Sense.ILLEGAL_REQUEST, "library: cartridge " + barcode
                    + " holds " + info.tapeFiles() + " tape files (" + info.usedBytes() + " bytes), labelling"
                    + " would erase them; HINT: return it to scratch once its backups expired, or label it"
                    + " with overwrite");
        }
        c.writeLabel(VolumeLabel.of(barcode));
        c.setPool(pool);
        log.info("library: labelled {} as {} in pool {}", barcode, c.label().orElseThrow(), pool);
    }

    /**
     * Takes the next scratch cartridge (labelled first, then blank, each by barcode; only from
     * storage slots and not write-protected) into {@code pool}, labelling it if blank.
     */
    public synchronized Barcode takeScratch(String pool) throws IOException {
        Pools.check(pool);
        Optional<FileCartridge> next = cartridges.values().stream()
                .filter(c -> Pools.SCRATCH.equals(c.pool()) && !c.writeProtected())
                .filter(c -> state.place(c.barcode()).map(e -> e.type() == Element.Type.SLOT).orElse(false))
                .min(Comparator.comparing((FileCartridge c) -> c.label().isEmpty())
                        .thenComparing(FileCartridge::barcode));
        if (next.isEmpty()) {
            throw new RobotException(RobotException.Reason.NO_SCRATCH, "no scratch cartridge left for pool " + pool
                    + ": none of the " + cartridges.size() + " cartridges is in pool scratch, writable and in a"
                    + " storage slot; HINT: insert and import new cartridges, or return expired ones to scratch");
        }
        FileCartridge c = next.get();
        if (c.label().isEmpty()) {
            c.writeLabel(VolumeLabel.of(c.barcode()));
        }
        c.setPool(pool);
        log.info("library: {} taken from scratch into pool {}", c.barcode(), pool);
        return c.barcode();
    }

    /** Erases the cartridge's tape files (it keeps its label) and returns it to pool scratch. */
    public synchronized void returnToScratch(Barcode barcode) throws IOException {
        FileCartridge c = robot.cartridge(barcode);
        robot.checkNotLoaded(barcode, "return it to scratch");
        String was = c.pool();
        c.erase();
        c.setPool(Pools.SCRATCH);
        log.info("library: {} returned from pool {} to scratch, its tape files erased", barcode, was);
    }

    /** Sets or clears the cartridge's write-protect tab (it must not be in a drive). */
    public synchronized void setWriteProtected(Barcode barcode, boolean on) throws IOException {
        FileCartridge c = robot.cartridge(barcode);
        robot.checkNotLoaded(barcode, on ? "write-protect it" : "write-enable it");
        c.setWriteProtected(on);
        log.info("library: {} write protect {}", barcode, on ? "on" : "off");
    }

    /** Closes every cartridge; loaded cartridges stay in their drives in the library state. */
    @Override
    public synchronized void close() throws IOException {
        IOException failed = null;
        for (FileCartridge c : cartridges.values()) {
            try {
                c.close();
            } catch (IOException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    static Stream<Path> cartridgeFolders(Path folder) throws IOException {
        Path dir = folder.resolve(CARTRIDGES);
        return Files.isDirectory(dir) ? Files.list(dir).filter(Files::isDirectory).sorted() : Stream.empty();
    }
}
