package org.lanfree.array;

import java.io.IOException;

import org.lanfree.connect.stp.ArrayDriver;

/** The STP contract with hosts on the TCP channel (payload carried in the channel's messages). */
class TcpChannelStpTest extends StpContract {

    @Override
    ArrayDriver attach(TestArray array, String name) throws IOException {
        return array.attachTcp(name);
    }
}
