package org.jvs.director.sync;

/**
 * Constants of the IPVS connection sync protocol, version 1 ({@code net/netfilter/ipvs/ip_vs_sync.c}).
 * <pre>
 *  message header (struct ip_vs_sync_mesg), 8 bytes
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Reserved (0) |    Sync ID    |            Size               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Count Conns | Version (1)   |            Spare              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  entry (struct ip_vs_sync_v4 36 bytes, ip_vs_sync_v6 72 bytes), each padded to 4 bytes
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    Type       |   Protocol    | Ver (4) |   Size (12)         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                    Flags (IP_VS_CONN_F_*)                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |            State              |          Client Port          |
 *  |        Virtual Port           |        Destination Port       |
 *  |                          Fwmark                               |
 *  |                     Timeout (seconds)                         |
 *  |   Client, Virtual, Destination addresses (4 or 16 bytes each) |
 *  |   optional parameters: type (1 byte), length (1 byte), data   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * All fields big-endian. The entry size counts the entry with its options, before padding.
 */
public final class SyncProtocol
{
    /** SYNC_PROTO_VER. */
    public static final int VERSION = 1;
    /** IP_VS_SYNC_GROUP: 224.0.0.81. */
    public static final int MULTICAST_GROUP = 0xE000_0051;
    /** IP_VS_SYNC_PORT. */
    public static final int PORT = 8848;
    /** keepalived's and ipvsadm's default sync id. */
    public static final int DEFAULT_SYNC_ID = 255;
    /** Largest payload for a 1500-byte MTU: 1500 − 20 (IPv4) − 8 (UDP). */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 1472;

    public static final int HEADER_LENGTH = 8;
    public static final int RESERVED_OFFSET = 0;
    public static final int SYNC_ID_OFFSET = 1;
    public static final int SIZE_OFFSET = 2;
    public static final int COUNT_OFFSET = 4;
    public static final int VERSION_OFFSET = 5;
    public static final int SPARE_OFFSET = 6;

    public static final int ENTRY_V4_LENGTH = 36;
    public static final int ENTRY_V6_LENGTH = 72;
    public static final int TYPE_OFFSET = 0;
    public static final int PROTOCOL_OFFSET = 1;
    public static final int VER_SIZE_OFFSET = 2;
    public static final int FLAGS_OFFSET = 4;
    public static final int STATE_OFFSET = 8;
    public static final int CPORT_OFFSET = 10;
    public static final int VPORT_OFFSET = 12;
    public static final int DPORT_OFFSET = 14;
    public static final int FWMARK_OFFSET = 16;
    public static final int TIMEOUT_OFFSET = 20;
    public static final int ADDRESSES_OFFSET = 24;

    /** STYPE_F_INET6: the entry carries IPv6 addresses. */
    public static final int TYPE_F_INET6 = 0x01;
    /** SVER_MASK: the 12 size bits of ver_size. */
    public static final int SIZE_MASK = 0x0FFF;
    /** SVER_SHIFT: where the entry's version sits in ver_size. */
    public static final int ENTRY_VERSION_SHIFT = 12;

    /** IPVS_OPT_SEQ_DATA. */
    public static final int OPT_SEQ_DATA = 1;
    /** IPVS_OPT_PE_DATA. */
    public static final int OPT_PE_DATA = 2;
    /** IPVS_OPT_PE_NAME. */
    public static final int OPT_PE_NAME = 3;
    /** IPVS_OPT_PARAM: the 4 bits giving an option's type. */
    public static final int OPT_TYPE_MASK = 0x0F;
    /** IP_VS_CONN_F_HASHED: local, never sent. */
    public static final int F_HASHED = 0x0040;
    /** Maximum connections counted by the 8-bit count field. */
    public static final int MAX_CONNS_PER_MESSAGE = 255;

    private SyncProtocol()
    {
    }

    /**
     * @param ipv6 true for an IPv6 entry.
     * @return the fixed entry length for it.
     */
    public static int entryLength(final boolean ipv6)
    {
        return ipv6 ? ENTRY_V6_LENGTH : ENTRY_V4_LENGTH;
    }
}
