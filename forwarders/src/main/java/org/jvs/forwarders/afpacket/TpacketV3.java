package org.jvs.forwarders.afpacket;

/**
 * Offsets into the kernel's TPACKET_V3 receive ring and the send structures, for x86-64 and other LP64 Linux
 * ({@code linux/if_packet.h}, {@code sys/socket.h}). The ring is a row of blocks; the kernel fills a block
 * with variable-length frames, hands it over by setting TP_STATUS_USER in its status word, and takes it back
 * when user space writes TP_STATUS_KERNEL.
 * <pre>
 * block (tpacket_block_desc):                 frame (tpacket3_hdr), then sockaddr_ll at +48:
 *   0  version          4  offset_to_priv       0  tp_next_offset   4  tp_sec    8  tp_nsec
 *   8  block_status    12  num_pkts            12  tp_snaplen      16  tp_len   20  tp_status
 *  16  offset_to_first_pkt  20  blk_len         24  tp_mac (u16)    26  tp_net (u16)
 *  24  seq_num (u64)   32.. first/last ts      28  rxhash, vlan... 48  sockaddr_ll (sll_pkttype at +10)
 *
 * tpacket_req3: block_size, block_nr, frame_size, frame_nr, retire_blk_tov, sizeof_priv, feature_req_word
 * sockaddr_ll:  0 family (u16)  2 protocol (u16, network order)  4 ifindex  8 hatype (u16)
 *              10 pkttype (u8) 11 halen (u8)  12 addr[8]                                  (20 bytes)
 * mmsghdr:      0 msg_name  8 msg_namelen  16 msg_iov  24 msg_iovlen  32 msg_control  40 msg_controllen
 *              48 msg_flags  56 msg_len                                                   (64 bytes)
 * iovec:        0 iov_base  8 iov_len                                                      (16 bytes)
 * </pre>
 */
final class TpacketV3
{
    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    /** htons(ETH_P_ALL) on a little-endian machine. */
    static final short ETH_P_ALL_NETWORK_ORDER = 0x0300;
    static final int SOL_PACKET = 263;
    static final int PACKET_ADD_MEMBERSHIP = 1;
    static final int PACKET_RX_RING = 5;
    static final int PACKET_STATISTICS = 6;
    static final int PACKET_VERSION = 10;
    static final int PACKET_VNET_HDR = 15;
    static final int PACKET_FANOUT = 18;
    static final int PACKET_QDISC_BYPASS = 20;
    static final int TPACKET_V2 = 1;
    static final int TPACKET_V3 = 2;
    static final int PACKET_FANOUT_HASH = 0;
    static final int PACKET_FANOUT_CBPF = 6;
    static final int PACKET_FANOUT_DATA = 22;
    static final int SOCK_FPROG_LENGTH = 16;
    static final int PACKET_FANOUT_FLAG_DEFRAG = 0x8000;
    static final int PACKET_MR_PROMISC = 1;
    static final int PACKET_OUTGOING = 4;

    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_SHARED = 1;
    static final int MSG_DONTWAIT = 0x40;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int ENOBUFS = 105;
    /** UIO_MAXIOV: the most messages one sendmmsg call takes. */
    static final int SENDMMSG_MAX = 1024;

    static final int TP_STATUS_KERNEL = 0;
    static final int TP_STATUS_USER = 1;

    static final int BLOCK_STATUS_OFFSET = 8;
    static final int BLOCK_NUM_PKTS_OFFSET = 12;
    static final int BLOCK_OFFSET_TO_FIRST_PKT_OFFSET = 16;

    static final int TP_NEXT_OFFSET_OFFSET = 0;
    static final int TP_SNAPLEN_OFFSET = 12;
    static final int TP_LEN_OFFSET = 16;
    static final int TP_MAC_OFFSET = 24;
    /** TPACKET_ALIGN(sizeof(struct tpacket3_hdr)) + offsetof(struct sockaddr_ll, sll_pkttype). */
    static final int TP_SLL_PKTTYPE_OFFSET = 48 + 10;

    /** tpacket2_hdr (TPACKET_V2, one fixed slot per frame): status, len, snaplen, mac (u16); sockaddr_ll at 32. */
    static final int TP2_STATUS_OFFSET = 0;
    static final int TP2_LEN_OFFSET = 4;
    static final int TP2_SNAPLEN_OFFSET = 8;
    static final int TP2_MAC_OFFSET = 12;
    static final int TP2_SLL_PKTTYPE_OFFSET = 32 + 10;

    static final int TPACKET_REQ_LENGTH = 16;
    static final int TPACKET_REQ3_LENGTH = 28;
    static final int SOCKADDR_LL_LENGTH = 20;
    static final int PACKET_MREQ_LENGTH = 16;
    static final int TPACKET_STATS_V3_LENGTH = 12;

    static final int MMSGHDR_LENGTH = 64;
    static final int MSG_IOV_OFFSET = 16;
    static final int MSG_IOVLEN_OFFSET = 24;
    static final int IOVEC_LENGTH = 16;
    static final int IOV_LEN_OFFSET = 8;

    private TpacketV3()
    {
    }
}
