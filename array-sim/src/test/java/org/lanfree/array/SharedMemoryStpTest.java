package org.lanfree.array;

import java.io.IOException;

import org.lanfree.connect.stp.ArrayDriver;

/** The STP contract with hosts on the shared-memory channel (Unix socket + mapped cache). */
class SharedMemoryStpTest extends StpContract {

    @Override
    ArrayDriver attach(TestArray array, String name) throws IOException {
        return array.attach(name);
    }
}
