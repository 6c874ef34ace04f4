package org.lanfree.media.vtl;

/**
 * One cartridge's share of a backup: the tape file that holds it and where its payload lies. A
 * backup that spans cartridges has sections 1, 2, ... whose payloads, concatenated, are its archive.
 *
 * @param fileNumber    the tape file on the cartridge (file 0 is the volume label)
 * @param firstBlock    block number, inside the tape file, of the first payload block (after the header)
 * @param lastBlock     block number of the last payload block ({@code firstBlock - 1} when empty)
 * @param payloadBytes  payload bytes in this section
 * @param payloadOffset byte offset of the payload in the cartridge's data file
 */
public record Section(String backupId, int number, Barcode barcode, int fileNumber, long firstBlock,
        long lastBlock, long payloadBytes, long payloadOffset) {

    public long payloadBlocks() {
        return lastBlock - firstBlock + 1;
    }
}
