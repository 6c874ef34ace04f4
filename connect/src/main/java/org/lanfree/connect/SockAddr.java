package org.lanfree.connect;

/** A socket address in one of the two domains. */
public sealed interface SockAddr permits SockAddr.Net, SockAddr.Stp {

    Domain domain();

    /** A TCP address; port 0 asks for any free port. */
    record Net(String host, int port) implements SockAddr {
        public Net {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("TCP port " + port + " is out of range 0-65535");
            }
        }

        @Override
        public Domain domain() {
            return Domain.NET;
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** An STP address: an STG group and a port of its range; port 0 asks for any free port. */
    record Stp(int group, int port) implements SockAddr {
        public Stp {
            if (group < 0) {
                throw new IllegalArgumentException("STG group " + group + " is negative");
            }
            if (port < 0) {
                throw new IllegalArgumentException("STP port " + port + " is negative");
            }
        }

        @Override
        public Domain domain() {
            return Domain.STP;
        }

        @Override
        public String toString() {
            return "stp:" + group + "/" + port;
        }
    }
}
