package org.lanfree.connect;

import java.io.IOException;
import java.time.Duration;

/** The {@link Conn} contract for NET descriptors of a {@link SocketLayer}, seen through {@link SocketLayer#conn}. */
class LayerConnContractTest extends ConnContract {

    @Override
    protected Pair open() throws IOException {
        SocketLayer layer = new SocketLayer(null);
        int listener = layer.socket(Domain.NET);
        layer.bind(listener, new SockAddr.Net("127.0.0.1", 0));
        layer.listen(listener, 1);
        layer.setTimeout(listener, Duration.ofSeconds(5));
        int client = layer.socket(Domain.NET);
        layer.connect(client, layer.getsockname(listener));
        int server = layer.accept(listener);
        layer.close(listener);
        return new Pair(layer.conn(client), layer.conn(server));
    }
}
