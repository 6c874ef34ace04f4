package org.lanfree.media.vtl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates cartridge folders and opens existing ones. Opening scans the index ({@link IndexScan})
 * and cuts away a tape file that was being written when the writer died: the index back to the
 * last filemark, the data file to where that filemark points. The cut is forced to disk and logged,
 * and the meta file is rewritten whenever it does not match the index.
 */
final class CartridgeOpener {

    private static final Logger log = LoggerFactory.getLogger(CartridgeOpener.class);

    private CartridgeOpener() {
    }

    static FileCartridge create(Path dir, CartridgeMeta meta) throws IOException {
        Files.createDirectories(dir);
        for (String name : new String[] {FileCartridge.DATA, FileCartridge.INDEX, CartridgeMeta.FILE}) {
            if (Files.exists(dir.resolve(name))) {
                throw new TapeException(TapeException.Sense.ILLEGAL_REQUEST, "cannot create cartridge "
                        + meta.barcode() + ": " + dir.resolve(name) + " already exists; HINT: open the existing"
                        + " cartridge, or pick a new barcode");
            }
        }
        FileChannel data = channel(dir.resolve(FileCartridge.DATA));
        FileChannel index = channel(dir.resolve(FileCartridge.INDEX));
        FileCartridge cartridge = new FileCartridge(dir, meta, data, index, new IndexScan());
        cartridge.writeMeta();
        return cartridge;
    }

    static FileCartridge open(Path dir) throws IOException {
        CartridgeMeta meta = CartridgeMeta.read(dir);
        FileChannel data = channel(dir.resolve(FileCartridge.DATA));
        FileChannel index = channel(dir.resolve(FileCartridge.INDEX));
        try {
            long dataLength = data.size();
            IndexScan scan;
            try {
                scan = IndexScan.of(index, dataLength);
            } catch (IOException e) {
                throw new TapeException(TapeException.Sense.MEDIUM_ERROR, "cartridge " + meta.barcode() + ": "
                        + e.getMessage() + ". HINT: copy the folder " + dir + " aside and recover its tape"
                        + " files with dd (README.txt)", e);
            }
            boolean cut = scan.found > scan.keep || dataLength > scan.dataEnd;
            if (cut) {
                data.truncate(scan.dataEnd);
                data.force(false);
                index.truncate(scan.keep * IndexRecord.BYTES);
                index.force(false);
                log.warn("cartridge {}: recovered from an interrupted write: dropped {} index records and {}"
                        + " data bytes after the last filemark (record {}); readable up to tape file {}, the"
                        + " next write appends after it{}", meta.barcode(), scan.found - scan.keep,
                        dataLength - scan.dataEnd, scan.keep - 1, scan.filemarks.filemarks() - 1,
                        scan.stop == null ? "" : "; " + scan.stop);
            }
            FileCartridge cartridge = new FileCartridge(dir, meta, data, index, scan);
            String label = scan.labelled ? readLabel(cartridge, meta) : "";
            cartridge.adoptLabel(label, cut || CartridgeMeta.recordedEndOfData(dir) != scan.keep);
            return cartridge;
        } catch (IOException | RuntimeException e) {
            data.close();
            index.close();
            throw e;
        }
    }

    private static String readLabel(FileCartridge cartridge, CartridgeMeta meta) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(VolumeLabel.BYTES);
        try {
            cartridge.read(0, block);
            return VolumeLabel.decode(block.flip()).toString();
        } catch (DamagedBlockException | IllegalArgumentException e) {
            log.warn("cartridge {}: the volume label cannot be read ({}); keeping the meta file's label {}",
                    meta.barcode(), e.getMessage(), meta.label());
            return meta.label();
        }
    }

    private static FileChannel channel(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }
}
