package org.jvs.director.check;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * UDP_CHECK as keepalived runs it: send payload (empty when none); an ICMP port unreachable is down; with
 * require_reply only a reply within connect_timeout is up, without it any reply, or silence until connect_timeout,
 * is up.
 */
final class UdpProbe extends DatagramProbe
{
    private final byte[] payload;
    private final boolean requireReply;

    /**
     * @param target       where to send.
     * @param bindTo       local address or null.
     * @param timeoutNs    connect_timeout.
     * @param payloadHex   payload as hex digits, null for an empty datagram.
     * @param requireReply require_reply.
     */
    UdpProbe(final InetSocketAddress target, final InetSocketAddress bindTo, final long timeoutNs,
        final String payloadHex, final boolean requireReply)
    {
        super(target, bindTo, timeoutNs);
        this.payload = payload(payloadHex);
        this.requireReply = requireReply;
    }

    /**
     * @param hex payload as written in keepalived.conf: hex digits, an optional 0x in front.
     * @return its bytes (none for null).
     * @throws IllegalArgumentException when it is not an even number of hex digits.
     */
    static byte[] payload(final String hex)
    {
        if (hex == null)
        {
            return new byte[0];
        }
        final String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        return HexFormat.of().parseHex(digits);
    }

    @Override
    ByteBuffer request()
    {
        return ByteBuffer.wrap(payload);
    }

    @Override
    void onReply(final ByteBuffer reply)
    {
        succeed();
    }

    @Override
    void onTimeout()
    {
        if (requireReply)
        {
            fail("no UDP reply");
        }
        else
        {
            succeed();
        }
    }
}
