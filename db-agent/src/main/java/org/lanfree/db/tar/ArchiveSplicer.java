package org.lanfree.db.tar;

/**
 * Copies the members of a tar archive that arrives in pieces into a {@link TarWriter},
 * leaving out its end-of-archive blocks, so several archives (and members of our own) make
 * one. A state machine over the bytes: HEADER collects 512 bytes; a zero block moves to END,
 * any other header is copied and moves to DATA for its padded size; END accepts only zeros.
 */
public final class ArchiveSplicer {

    enum State { HEADER, DATA, END }

    private final TarWriter out;
    private final String archiveName;
    private final Runnable betweenMembers;
    private final byte[] header = new byte[TarHeader.BLOCK];
    private State state = State.HEADER;
    private int headerFill;
    private long dataLeft;
    private long members;
    private boolean extensionPending;

    public ArchiveSplicer(TarWriter out, String archiveName) {
        this(out, archiveName, () -> { });
    }

    /**
     * @param betweenMembers runs before each member's header is copied, when the output is at a
     *                       member boundary and may take members of its own (WAL segments)
     */
    public ArchiveSplicer(TarWriter out, String archiveName, Runnable betweenMembers) {
        this.out = out;
        this.archiveName = archiveName;
        this.betweenMembers = betweenMembers;
    }

    /** The next bytes of the archive. */
    public void accept(byte[] data, int off, int len) {
        int end = off + len;
        while (off < end) {
            switch (state) {
                case HEADER -> {
                    int n = Math.min(end - off, TarHeader.BLOCK - headerFill);
                    System.arraycopy(data, off, header, headerFill, n);
                    headerFill += n;
                    off += n;
                    if (headerFill == TarHeader.BLOCK) {
                        onHeader();
                    }
                }
                case DATA -> {
                    int n = (int) Math.min(end - off, dataLeft);
                    out.writeMemberBlocks(data, off, n);
                    off += n;
                    dataLeft -= n;
                    if (dataLeft == 0) {
                        state = State.HEADER;
                    }
                }
                case END -> {
                    for (int i = off; i < end; i++) {
                        if (data[i] != 0) {
                            throw new IllegalStateException("archive " + archiveName + " has data after its"
                                    + " end-of-archive block; expected only zeros");
                        }
                    }
                    off = end;
                }
            }
        }
    }

    /** The archive ended: fails when it stopped inside a member. Returns the number of members copied (extension headers such as a long name are part of their member). */
    public long finish() {
        if (state == State.DATA || state == State.HEADER && headerFill != 0) {
            throw new IllegalStateException("archive " + archiveName + " ends inside a member after " + members
                    + " members (state " + state + "); expected a whole archive. HINT: the sender stopped early");
        }
        return members;
    }

    private void onHeader() {
        headerFill = 0;
        if (TarHeader.isZeroBlock(header, 0)) {
            state = State.END;
            return;
        }
        if (!extensionPending) {
            betweenMembers.run();
        }
        out.writeMemberBlocks(header, 0, TarHeader.BLOCK);
        extensionPending = TarHeader.isExtension(header, 0);
        if (!extensionPending) {
            members++;
        }
        dataLeft = TarHeader.padded(TarHeader.size(header, 0));
        state = dataLeft == 0 ? State.HEADER : State.DATA;
    }
}
