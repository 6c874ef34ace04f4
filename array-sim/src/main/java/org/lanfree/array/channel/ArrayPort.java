package org.lanfree.array.channel;

import java.nio.ByteBuffer;

import org.lanfree.array.director.ChannelDirector;
import org.lanfree.connect.channel.ChannelException;

/** What a host session needs from the array. */
public interface ArrayPort {

    /** What the array tells a host that attaches. */
    record Attachment(long hostId, ChannelDirector director, ByteBuffer replyBody) {
    }

    Attachment attach(HostSession host, String name, boolean sharedMemory) throws ChannelException;

    /** The part of a slot a PUT's payload goes into; the slot stays pinned by the sender. */
    ByteBuffer slotForPut(HostSession host, long endpoint, long seq, int offset, int length) throws ChannelException;

    void detach(HostSession host);
}
