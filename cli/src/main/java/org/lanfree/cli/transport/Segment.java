package org.lanfree.cli.transport;

/**
 * A segment as one side saw it: its payload bytes, the time it took, this side's SHA-256 and the
 * other side's (from END for a receiver, from the verdict for a sender).
 */
record Segment(long bytes, long nanos, byte[] sha256, byte[] peerSha256) {
}
