package org.lanfree.media.catalog;

/**
 * Where bytes lie on tape: tape file {@code fileNumber} (0 = the first after the label) of
 * cartridge {@code barcode}, blocks {@code firstBlock..lastBlock} counted from the cartridge's
 * start, {@code blockSize} bytes each except a short last one, {@code bytes} in all.
 */
public record TapeFile(String barcode, int fileNumber, long firstBlock, long lastBlock, int blockSize, long bytes) {

    public TapeFile {
        Names.require("barcode", barcode, Names.BARCODE);
        if (fileNumber < 0 || firstBlock < 0 || lastBlock < firstBlock || blockSize <= 0 || bytes < 0) {
            throw CatalogException.refused("tape file " + fileNumber + " on " + barcode + ": blocks " + firstBlock + ".."
                    + lastBlock + " of " + blockSize + " bytes, " + bytes + " bytes is not a valid extent; expected"
                    + " file number >= 0, 0 <= first block <= last block, block size > 0, bytes >= 0");
        }
    }
}
