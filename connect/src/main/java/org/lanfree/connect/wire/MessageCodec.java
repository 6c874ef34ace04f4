package org.lanfree.connect.wire;

import java.nio.ByteBuffer;

/**
 * Encoding of {@link Message}s as MESSAGE frame payloads.
 *
 * <pre>
 * message       = kind:u16 body                 (big-endian; str = len:u16 UTF-8 bytes)
 * 1 Greeting      service:str
 * 2 SessionToken  token:i32
 * 3 PairSession   token:i32
 * 4 SessionPaired token:i32
 * 5 StgOffer      session:i32 group:i32 ringTracks:i32
 * 6 StpPort       port:i32
 * 7 SessionReady  token:i32
 * 8 DbCallback    client:str port:u16
 * 9 CallbackAck   session:i32
 * 10 SendBytes    bytes:i64
 * 11 AdminRequest json:str
 * 12 AdminReply   json:str
 * 13 BackupStored backupId:i64 sha256:str
 * 14 StoreBackup  client:str kind:str dataset:str level:str parentId:i64 compression:str
 * 15 RestoreBackup backupId:i64
 * 16 RestoreStart backupId:i64 client:str kind:str dataset:str level:str compression:str bytes:i64 sha256:str
 * 17 StageSegment client:str dataset:str segment:str timeline:i32 startLsn:i64 endLsn:i64
 * 18 SegmentStaged segment:str sha256:str
 * 19 FetchSegment client:str dataset:str segment:str
 * 20 SegmentStart segment:str bytes:i64 sha256:str
 * 21 TreeBackup   dataset:str root:bytes level:str parentId:i64 compression:str excludes:bytes oneFileSystem:u8
 * 22 FileRecords  count:u16 (path:bytes state:u8 type:u8 size:i64 mode:i32 uid:i64 gid:i64 mtimeNs:i64 ctimeNs:i64
 *                 inode:i64 nlink:i32 rdev:i64 linkTarget:bytes xattrs:bytes archiveOffset:i64)*
 * 23 FileRecordsEnd count:i64
 * 24 TreeDone     files:i64 bytes:i64 warnings:i64
 * 25 FileWarning  path:bytes text:str
 * 26 TreeRestore  backupId:i64 target:bytes paths:bytes force:u8 archives:i32
 * 27 WalPosition  startLsn:i64 endLsn:i64 timeline:i32 serverVersion:str
 * 28 ReadBackup   backupId:i64 offset:i64 length:i64
 *
 * bytes = u16 length | the bytes as they are (file names need not be UTF-8)
 * </pre>
 *
 * Decoding is strict: an unknown kind, a short body, trailing bytes, bad UTF-8 or an out-of-range
 * value fail with {@link ErrorCode#MALFORMED}.
 */
public final class MessageCodec {

    private MessageCodec() {
    }

    public static void encode(Message message, ByteBuffer out) {
        if (message instanceof Message.Greeting m) {
            out.putShort((short) 1);
            WireBuffers.putString(out, m.service());
        } else if (message instanceof Message.SessionToken m) {
            out.putShort((short) 2).putInt(m.token());
        } else if (message instanceof Message.PairSession m) {
            out.putShort((short) 3).putInt(m.token());
        } else if (message instanceof Message.SessionPaired m) {
            out.putShort((short) 4).putInt(m.token());
        } else if (message instanceof Message.StgOffer m) {
            out.putShort((short) 5).putInt(m.session()).putInt(m.group()).putInt(m.ringTracks());
        } else if (message instanceof Message.StpPort m) {
            out.putShort((short) 6).putInt(m.port());
        } else if (message instanceof Message.SessionReady m) {
            out.putShort((short) 7).putInt(m.token());
        } else if (message instanceof Message.DbCallback m) {
            out.putShort((short) 8);
            WireBuffers.putString(out, m.client());
            out.putShort((short) m.port());
        } else if (message instanceof Message.CallbackAck m) {
            out.putShort((short) 9).putInt(m.session());
        } else if (message instanceof Message.SendBytes m) {
            out.putShort((short) 10).putLong(m.bytes());
        } else if (message instanceof Message.AdminRequest m) {
            out.putShort((short) 11);
            WireBuffers.putString(out, m.json());
        } else if (message instanceof Message.AdminReply m) {
            out.putShort((short) 12);
            WireBuffers.putString(out, m.json());
        } else if (message instanceof Message.BackupStored m) {
            out.putShort((short) 13).putLong(m.backupId());
            WireBuffers.putString(out, m.sha256());
        } else if (message instanceof Message.StoreBackup m) {
            out.putShort((short) 14);
            WireBuffers.putString(out, m.client());
            WireBuffers.putString(out, m.kind());
            WireBuffers.putString(out, m.dataset());
            WireBuffers.putString(out, m.level());
            out.putLong(m.parentId());
            WireBuffers.putString(out, m.compression());
        } else if (message instanceof Message.RestoreBackup m) {
            out.putShort((short) 15);
            out.putLong(m.backupId());
        } else if (message instanceof Message.RestoreStart m) {
            out.putShort((short) 16);
            out.putLong(m.backupId());
            WireBuffers.putString(out, m.client());
            WireBuffers.putString(out, m.kind());
            WireBuffers.putString(out, m.dataset());
            WireBuffers.putString(out, m.level());
            WireBuffers.putString(out, m.compression());
            out.putLong(m.bytes());
            WireBuffers.putString(out, m.sha256());
        } else if (message instanceof Message.StageSegment m) {
            out.putShort((short) 17);
            WireBuffers.putString(out, m.client());
            WireBuffers.putString(out, m.dataset());
            WireBuffers.putString(out, m.segment());
            out.putInt(m.timeline());
            out.putLong(m.startLsn());
            out.putLong(m.endLsn());
        } else if (message instanceof Message.SegmentStaged m) {
            out.putShort((short) 18);
            WireBuffers.putString(out, m.segment());
            WireBuffers.putString(out, m.sha256());
        } else if (message instanceof Message.FetchSegment m) {
            out.putShort((short) 19);
            WireBuffers.putString(out, m.client());
            WireBuffers.putString(out, m.dataset());
            WireBuffers.putString(out, m.segment());
        } else if (message instanceof Message.SegmentStart m) {
            out.putShort((short) 20);
            WireBuffers.putString(out, m.segment());
            out.putLong(m.bytes());
            WireBuffers.putString(out, m.sha256());
        } else if (message instanceof Message.TreeBackup m) {
            out.putShort((short) 21);
            WireBuffers.putString(out, m.dataset());
            WireBuffers.putBytes(out, m.root());
            WireBuffers.putString(out, m.level());
            out.putLong(m.parentId());
            WireBuffers.putString(out, m.compression());
            WireBuffers.putBytes(out, m.excludes());
            out.put((byte) (m.oneFileSystem() ? 1 : 0));
        } else if (message instanceof Message.FileRecords m) {
            out.putShort((short) 22);
            if (m.records().size() > 0xffff) {
                throw new IllegalArgumentException(m.records().size() + " file records do not fit one batch of at"
                        + " most 65535");
            }
            out.putShort((short) m.records().size());
            for (FileRecord r : m.records()) {
                r.encode(out);
            }
        } else if (message instanceof Message.FileRecordsEnd m) {
            out.putShort((short) 23);
            out.putLong(m.count());
        } else if (message instanceof Message.TreeDone m) {
            out.putShort((short) 24);
            out.putLong(m.files()).putLong(m.bytes()).putLong(m.warnings());
        } else if (message instanceof Message.FileWarning m) {
            out.putShort((short) 25);
            WireBuffers.putBytes(out, m.path());
            WireBuffers.putString(out, m.text());
        } else if (message instanceof Message.ReadBackup m) {
            out.putShort((short) 28);
            out.putLong(m.backupId()).putLong(m.offset()).putLong(m.length());
        } else if (message instanceof Message.WalPosition m) {
            out.putShort((short) 27);
            out.putLong(m.startLsn()).putLong(m.endLsn()).putInt(m.timeline());
            WireBuffers.putString(out, m.serverVersion());
        } else if (message instanceof Message.TreeRestore m) {
            out.putShort((short) 26);
            out.putLong(m.backupId());
            WireBuffers.putBytes(out, m.target());
            WireBuffers.putBytes(out, m.paths());
            out.put((byte) (m.force() ? 1 : 0));
            out.putInt(m.archives());
        } else {
            throw new IllegalArgumentException("no encoding for " + message);
        }
    }

    public static Message decode(ByteBuffer in) throws WireException {
        int kind = WireBuffers.getU16(in, "message kind");
        Message message;
        try {
            message = switch (kind) {
                case 1 -> new Message.Greeting(WireBuffers.getString(in, "Greeting service"));
                case 2 -> new Message.SessionToken(WireBuffers.getInt(in, "SessionToken token"));
                case 3 -> new Message.PairSession(WireBuffers.getInt(in, "PairSession token"));
                case 4 -> new Message.SessionPaired(WireBuffers.getInt(in, "SessionPaired token"));
                case 5 -> new Message.StgOffer(WireBuffers.getInt(in, "StgOffer session"),
                        WireBuffers.getInt(in, "StgOffer group"),
                        WireBuffers.getInt(in, "StgOffer ringTracks"));
                case 6 -> new Message.StpPort(WireBuffers.getInt(in, "StpPort port"));
                case 7 -> new Message.SessionReady(WireBuffers.getInt(in, "SessionReady token"));
                case 8 -> new Message.DbCallback(WireBuffers.getString(in, "DbCallback client"),
                        WireBuffers.getU16(in, "DbCallback port"));
                case 9 -> new Message.CallbackAck(WireBuffers.getInt(in, "CallbackAck session"));
                case 10 -> new Message.SendBytes(getLong(in, "SendBytes bytes"));
                case 11 -> new Message.AdminRequest(WireBuffers.getString(in, "AdminRequest json"));
                case 12 -> new Message.AdminReply(WireBuffers.getString(in, "AdminReply json"));
                case 13 -> new Message.BackupStored(getLong(in, "BackupStored backupId"),
                        WireBuffers.getString(in, "BackupStored sha256"));
                case 14 -> new Message.StoreBackup(WireBuffers.getString(in, "StoreBackup client"),
                        WireBuffers.getString(in, "StoreBackup kind"), WireBuffers.getString(in, "StoreBackup dataset"),
                        WireBuffers.getString(in, "StoreBackup level"), getLong(in, "StoreBackup parentId"),
                        WireBuffers.getString(in, "StoreBackup compression"));
                case 15 -> new Message.RestoreBackup(getLong(in, "RestoreBackup backupId"));
                case 16 -> new Message.RestoreStart(getLong(in, "RestoreStart backupId"),
                        WireBuffers.getString(in, "RestoreStart client"), WireBuffers.getString(in, "RestoreStart kind"),
                        WireBuffers.getString(in, "RestoreStart dataset"), WireBuffers.getString(in, "RestoreStart level"),
                        WireBuffers.getString(in, "RestoreStart compression"), getLong(in, "RestoreStart bytes"),
                        WireBuffers.getString(in, "RestoreStart sha256"));
                case 17 -> new Message.StageSegment(WireBuffers.getString(in, "StageSegment client"),
                        WireBuffers.getString(in, "StageSegment dataset"), WireBuffers.getString(in, "StageSegment segment"),
                        WireBuffers.getInt(in, "StageSegment timeline"), getLong(in, "StageSegment startLsn"),
                        getLong(in, "StageSegment endLsn"));
                case 18 -> new Message.SegmentStaged(WireBuffers.getString(in, "SegmentStaged segment"),
                        WireBuffers.getString(in, "SegmentStaged sha256"));
                case 19 -> new Message.FetchSegment(WireBuffers.getString(in, "FetchSegment client"),
                        WireBuffers.getString(in, "FetchSegment dataset"), WireBuffers.getString(in, "FetchSegment segment"));
                case 20 -> new Message.SegmentStart(WireBuffers.getString(in, "SegmentStart segment"),
                        getLong(in, "SegmentStart bytes"), WireBuffers.getString(in, "SegmentStart sha256"));
                case 21 -> new Message.TreeBackup(WireBuffers.getString(in, "TreeBackup dataset"),
                        WireBuffers.getBytes(in, "TreeBackup root"), WireBuffers.getString(in, "TreeBackup level"),
                        getLong(in, "TreeBackup parentId"), WireBuffers.getString(in, "TreeBackup compression"),
                        WireBuffers.getBytes(in, "TreeBackup excludes"), flag(in, "TreeBackup oneFileSystem"));
                case 22 -> fileRecords(in);
                case 23 -> new Message.FileRecordsEnd(getLong(in, "FileRecordsEnd count"));
                case 24 -> new Message.TreeDone(getLong(in, "TreeDone files"), getLong(in, "TreeDone bytes"),
                        getLong(in, "TreeDone warnings"));
                case 25 -> new Message.FileWarning(WireBuffers.getBytes(in, "FileWarning path"),
                        WireBuffers.getString(in, "FileWarning text"));
                case 28 -> new Message.ReadBackup(getLong(in, "ReadBackup backupId"), getLong(in, "ReadBackup offset"),
                        getLong(in, "ReadBackup length"));
                case 27 -> new Message.WalPosition(getLong(in, "WalPosition startLsn"), getLong(in, "WalPosition endLsn"),
                        WireBuffers.getInt(in, "WalPosition timeline"), WireBuffers.getString(in,
                        "WalPosition serverVersion"));
                case 26 -> new Message.TreeRestore(getLong(in, "TreeRestore backupId"),
                        WireBuffers.getBytes(in, "TreeRestore target"), WireBuffers.getBytes(in, "TreeRestore paths"),
                        flag(in, "TreeRestore force"), WireBuffers.getInt(in, "TreeRestore archives"));
                default -> throw new WireException(ErrorCode.MALFORMED, "message kind " + kind
                        + " is unknown; this side knows kinds 1-28; HINT: the peer runs a newer version");
            };
        } catch (IllegalArgumentException e) {
            throw new WireException(ErrorCode.MALFORMED, "message kind " + kind + ": " + e.getMessage(), e);
        }
        WireBuffers.requireEnd(in, message.getClass().getSimpleName());
        return message;
    }

    private static Message.FileRecords fileRecords(ByteBuffer in) throws WireException {
        int count = WireBuffers.getU16(in, "FileRecords count");
        java.util.List<FileRecord> records = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(FileRecord.decode(in));
        }
        return new Message.FileRecords(records);
    }

    private static boolean flag(ByteBuffer in, String what) throws WireException {
        int value = WireBuffers.getU8(in, what);
        if (value > 1) {
            throw new WireException(ErrorCode.MALFORMED, what + " is " + value + "; expected 0 or 1");
        }
        return value == 1;
    }

    private static long getLong(ByteBuffer in, String what) throws WireException {
        return ByteBuffer.wrap(WireBuffers.getBytes(in, Long.BYTES, what)).getLong();
    }
}
