package org.lanfree.media.staging;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.lanfree.media.vtl.Barcode;
import org.lanfree.media.vtl.BackupInfo;
import org.lanfree.media.vtl.Drive;
import org.lanfree.media.vtl.LibraryConfig;
import org.lanfree.media.vtl.Section;
import org.lanfree.media.vtl.TapeFileReader;
import org.lanfree.media.vtl.TapeFileWriter;
import org.lanfree.media.vtl.TapeLibrary;

/**
 * A real tape library in a test folder, serving as a staging pool's tape: migrations write on drive 0
 * to cartridges of pool {@code wal} (taken from scratch as they fill), reads mount on drive 1.
 */
final class VtlTape implements TapeTarget, TapeSource, AutoCloseable {

    static final String POOL = "wal";
    static final int BLOCK = 16 * 1024;

    final TapeLibrary library;
    private Barcode current;

    VtlTape(Path folder) throws IOException {
        library = TapeLibrary.open(new LibraryConfig(folder, 2, 4, 1, BLOCK, 3, Barcode.valueOf("LF0001L8"),
                "scratch", 32L << 20, 30L << 20));
    }

    @Override
    public synchronized List<Section> write(BackupInfo backup, Payload payload) throws IOException {
        if (current == null) {
            current = library.takeScratch(POOL);
        }
        Drive drive = library.load(current, 0);
        try (TapeFileWriter tape = TapeFileWriter.start(drive, backup, (full, section) -> {
            library.unload(0);
            current = library.takeScratch(POOL);
            return library.load(current, 0);
        })) {
            payload.writeTo(tape);
            return tape.finish();
        } finally {
            library.unload(0);
        }
    }

    @Override
    public synchronized InputStream open(String tapeFile, List<Section> sections) {
        TapeFileReader reader = new TapeFileReader(sections, s -> {
            if (library.contents(org.lanfree.media.vtl.Element.drive(1)).isPresent()) {
                library.unload(1);
            }
            return library.load(s.barcode(), 1);
        });
        return new FilterInputStream(reader) {
            @Override
            public void close() throws IOException {
                super.close();
                synchronized (VtlTape.this) {
                    if (library.contents(org.lanfree.media.vtl.Element.drive(1)).isPresent()) {
                        library.unload(1);
                    }
                }
            }
        };
    }

    /** The whole payload of a tape file, read back through the library. */
    byte[] payload(List<Section> sections) throws IOException {
        try (InputStream in = open("", sections)) {
            return in.readAllBytes();
        }
    }

    /** The cartridge's data file, for damaging a byte of it. */
    Path dataFile(Barcode barcode) {
        return library.config().folder().resolve("cartridges").resolve(barcode.toString()).resolve("data");
    }

    @Override
    public void close() throws IOException {
        library.close();
    }
}
