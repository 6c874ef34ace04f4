package org.lanfree.array.device;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One device: {@code tracks} tracks of {@code trackSize} bytes in a sparse file. */
public final class Device implements Closeable {

    private final int number;
    private final Path file;
    private final int tracks;
    private final int trackSize;
    private final FileChannel channel;

    private Device(int number, Path file, int tracks, int trackSize, FileChannel channel) {
        this.number = number;
        this.file = file;
        this.tracks = tracks;
        this.trackSize = trackSize;
        this.channel = channel;
    }

    /** Opens the device's file, creating it sparse at its full size when missing or short. */
    public static Device open(int number, Path file, int tracks, int trackSize) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long size = (long) tracks * trackSize;
        if (ch.size() < size) {
            ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
        return new Device(number, file, tracks, trackSize, ch);
    }

    /** Writes a whole track from {@code src} (position 0 to track size, left untouched). */
    public void writeTrack(int track, ByteBuffer src) throws IOException {
        ByteBuffer b = src.duplicate().clear();
        long pos = position(track);
        while (b.hasRemaining()) {
            pos += channel.write(b, pos);
        }
    }

    /** Reads a whole track into {@code dst} (position 0 to track size, left untouched). */
    public void readTrack(int track, ByteBuffer dst) throws IOException {
        ByteBuffer b = dst.duplicate().clear();
        long pos = position(track);
        while (b.hasRemaining()) {
            int n = channel.read(b, pos);
            if (n < 0) {
                throw new IOException("device " + number + " (" + file + ") ends before track " + track);
            }
            pos += n;
        }
    }

    private long position(int track) {
        if (track < 0 || track >= tracks) {
            throw new IllegalArgumentException("device " + number + " has tracks 0-" + (tracks - 1) + ", not " + track);
        }
        return (long) track * trackSize;
    }

    public int number() {
        return number;
    }

    public int tracks() {
        return tracks;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
