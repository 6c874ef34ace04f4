package org.lanfree.connect.net;

import java.io.IOException;
import org.lanfree.connect.ConnContract;
import org.lanfree.connect.Loopback;

/** The {@link org.lanfree.connect.Conn} contract for plain {@link TcpConn}s. */
class TcpConnContractTest extends ConnContract {

    @Override
    protected Pair open() throws IOException {
        Loopback loopback = Loopback.open();
        return new Pair(loopback.client(), loopback.server());
    }
}
