package org.lanfree.connect.channel;

/**
 * Channel commands. Each message on the channel is
 * <pre>
 *   u32 bodyLength | u32 payloadLength | u8 op | u32 tag | body | payload
 * </pre>
 * Requests carry one of the ops below; replies carry {@link #OK} or {@link #ERROR} and the tag of
 * the request they answer. Bodies (big-endian):
 * <pre>
 *   ATTACH    u16 version, u8 wantsSharedMemory, str hostName, byte[32] hostNonce
 *             -> u8 0, u64 hostId, u32 trackSize, u32 slots, u32 headerBytes, str cacheFile, str director
 *             -> u8 1, byte[32] arrayNonce, byte[32] arrayProof       (the array has a channel secret)
 *   PROVE     byte[32] hostProof                          -> as ATTACH's first answer
 *             arrayProof = HMAC(secret, "array" hostNonce arrayNonce)
 *             hostProof  = HMAC(secret, "host" arrayNonce hostNonce)
 *   STATUS    -> UTF-8 JSON (the whole body)
 *   LISTEN    u32 group, u32 port, u32 backlog           -> u64 listenerId, u32 port
 *   UNLISTEN  u64 listenerId                              -> (empty)
 *   ACCEPT    u64 listenerId                              -> u64 endpoint, u32 localPort, u32 peerPort, u32 ringTracks
 *   CONNECT   u32 group, u32 port, u32 ringTracks         -> u64 endpoint, u32 localPort, u32 ringTracks
 *   OPEN      u64 endpoint, u64 seq [, u64 commitSeq, u32 commitFill]
 *                                                         -> u32 slot           (waits for ring room;
 *                                                            the optional part commits a filled track first)
 *   COMMIT    u64 endpoint, u64 seq, u32 fill             -> (empty)
 *   PUT       u64 endpoint, u64 seq, u32 offset  + payload -> (empty)         (TCP channel)
 *   READ      u64 endpoint, u64 seq, u32 offset, u32 max [, u64 releaseSeq]
 *                                                         -> u32 slot, u32 fill, u8 eof (+ payload on TCP;
 *                                                            the optional part releases a drained track first)
 *   RELEASE   u64 endpoint, u64 seq                       -> (empty)
 *   SHUTDOWN  u64 endpoint, u64 seq, u32 fill             -> (empty)          (end of stream after fill)
 *   CLOSE     u64 endpoint                                -> (empty)
 *   ERROR     u16 code, str message
 * </pre>
 * {@code str} is u16 length + UTF-8.
 */
public enum Op {
    ATTACH(1, 37), PROVE(7, 32), STATUS(2, 0), LISTEN(3, 12), UNLISTEN(4, 8), ACCEPT(5, 8), CONNECT(6, 12),
    OPEN(10, 16), COMMIT(11, 20), PUT(12, 20), READ(13, 24), RELEASE(14, 16), SHUTDOWN(15, 20), CLOSE(16, 8),
    OK(0x7E, 0), ERROR(0x7F, 4);

    private static final Op[] BY_CODE = new Op[128];

    static {
        for (Op op : values()) {
            BY_CODE[op.code] = op;
        }
    }

    public final int code;
    /** The fewest body bytes a message of this op can have. */
    public final int minBody;

    Op(int code, int minBody) {
        this.code = code;
        this.minBody = minBody;
    }

    /** The op of a wire code, or null for an unknown code. */
    public static Op of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
