package org.lanfree.connect.handshake;

/** One connection of a handshake. */
public enum Leg {
    /** File-system flow: first connection to the agent's WKP; the control channel. */
    CONTROL,
    /** File-system flow: second connection to the WKP; the error/status channel. */
    ERRORS,
    /** File-system flow: connection to WKP+1 on which the STG group and STP port are agreed. */
    STG,
    /** Both flows: the STP connection through the array that carries the data. */
    DATA,
    /** Database flow: the agent's connection to the server's WKP. */
    REQUEST,
    /** Database flow: the server's connection back to the agent's dynamic port. */
    CALLBACK
}
