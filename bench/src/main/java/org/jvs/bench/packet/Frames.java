package org.jvs.bench.packet;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Frames the packet benchmarks work on, from the golden-packet table (core/src/test/resources/packet), padded
 * to Ethernet's 60-byte minimum as they arrive on a veth.
 */
final class Frames
{
    /**
     * Ether(dst='02:00:00:00:00:10',src='02:00:00:00:00:01')/IP(src='198.18.0.1',dst='198.18.0.100',id=1)
     * /TCP(sport=40000,dport=80,seq=1000,flags='S',options=[('MSS',1460)]), then 2 bytes of padding.
     */
    static final String IPV4_TCP_SYN = "02000000001002000000000108004500002c000100004006ee41c6120001c6120064" +
        "9c400050000003e800000000600220004b240000020405b4" + "0000";

    /**
     * Ether(dst='02:00:00:00:00:10',src='02:00:00:00:00:01')/IPv6(src='2001:2::1',dst='2001:2::100')
     * /TCP(sport=40000,dport=80,seq=1000,flags='S',options=[('MSS',1460)]).
     */
    static final String IPV6_TCP_SYN = "02000000001002000000000186dd6000000000180640200100020000000000000000000000" +
        "01200100020000000000000000000001009c400050000003e8000000006002200096a70000020405b4";

    private Frames()
    {
    }

    /**
     * @param hex   frame bytes in hex.
     * @param extra bytes of room after the frame.
     * @return a buffer holding the frame at offset 0.
     */
    static UnsafeBuffer buffer(final String hex, final int extra)
    {
        final byte[] bytes = new byte[hex.length() / 2 + extra];
        for (int i = 0; i < hex.length() / 2; i++)
        {
            bytes[i] = (byte)Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return new UnsafeBuffer(bytes);
    }
}
