package org.lanfree.fs.mount;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/** A read-only channel over a file of a backup. */
final class NodeChannel implements SeekableByteChannel {

    private final Node node;
    private final FileContent content;
    private long position;
    private boolean open = true;

    NodeChannel(Node node, FileContent content) {
        this.node = node;
        this.content = content;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        if (position >= node.size()) {
            return dst.hasRemaining() ? -1 : 0;
        }
        int n = content.read(node, position, dst);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("position " + newPosition + ": expected 0 or more");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return node.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
