package org.jvs.director.check;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicInteger;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * PING_CHECK: one ICMP (or ICMPv6) echo request; up when the echo reply with our identifier and sequence comes
 * back from the real server within connect_timeout. Java has no ICMP socket, so this opens a non-blocking raw
 * socket through libc (jnr-ffi; needs CAP_NET_RAW, which the director has for packet capture), connects it to the
 * target and polls it with recv each duty cycle; it is never waited on.
 */
final class PingProbe extends Probe
{
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int IPPROTO_ICMP = 1;
    private static final int IPPROTO_ICMPV6 = 58;
    private static final int EAGAIN = 11;
    private static final int ECHO_REQUEST = 8;
    private static final int ECHO_REPLY = 0;
    private static final int ECHO6_REQUEST = 128;
    private static final int ECHO6_REPLY = 129;
    private static final int ICMP_HEADER = 8;
    private static final int PAYLOAD = 56;
    private static final int PACKET_ROOM = 2048;
    private static final int SOCKADDR_ROOM = 32;
    private static final int SOCKADDR_IN = 16;
    private static final int SOCKADDR_IN6 = 28;
    private static final int MAX_READS_PER_POLL = 64;
    private static final AtomicInteger IDENTIFIERS = new AtomicInteger((int)(System.nanoTime() & 0xFFFF));

    private final InetAddress target;
    private final long timeoutNs;
    private final boolean v6;
    private final int identifier = IDENTIFIERS.incrementAndGet() & 0xFFFF;
    private final int sequence = 1;
    /** Native scratch memory of the agent thread for every attempt it runs: used within one call, never across. */
    private static final ThreadLocal<UnsafeBuffer> PACKETS =
        ThreadLocal.withInitial(() -> new UnsafeBuffer(ByteBuffer.allocateDirect(PACKET_ROOM)));
    private static final ThreadLocal<UnsafeBuffer> ADDRESSES =
        ThreadLocal.withInitial(() -> new UnsafeBuffer(ByteBuffer.allocateDirect(SOCKADDR_ROOM)));
    private int fd = -1;
    private long deadlineNs;

    /**
     * @param target    the real server's address (or connect_ip).
     * @param timeoutNs connect_timeout.
     */
    PingProbe(final InetAddress target, final long timeoutNs)
    {
        this.target = target;
        this.timeoutNs = timeoutNs;
        this.v6 = target instanceof Inet6Address;
    }

    @Override
    void start(final Selector selector, final long nowNs)
    {
        deadlineNs = nowNs + timeoutNs;
        final UnsafeBuffer packet = PACKETS.get();
        final UnsafeBuffer address = ADDRESSES.get();
        try
        {
            final IcmpLibC libc = IcmpLibC.Holder.LIBC;
            fd = libc.socket(v6 ? AF_INET6 : AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC,
                v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP);
            if (fd < 0)
            {
                fail("ICMP socket: " + error());
                return;
            }
            if (libc.connect(fd, address.addressOffset(), sockaddr(address)) != 0)
            {
                fail("ICMP connect: " + error());
                return;
            }
            if (libc.send(fd, packet.addressOffset(), echoRequest(packet), 0) < 0)
            {
                fail("ICMP send: " + error());
            }
        }
        catch (final LinkageError | RuntimeException ex)
        {
            fail("ICMP socket: " + ex);
        }
    }

    private int echoRequest(final UnsafeBuffer packet)
    {
        packet.setMemory(0, ICMP_HEADER + PAYLOAD, (byte)0);
        packet.putByte(0, (byte)(v6 ? ECHO6_REQUEST : ECHO_REQUEST));
        packet.putShort(4, (short)identifier, ByteOrder.BIG_ENDIAN);
        packet.putShort(6, (short)sequence, ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < PAYLOAD; i++)
        {
            packet.putByte(ICMP_HEADER + i, (byte)('0' + i % 64));
        }
        if (!v6)
        {
            packet.putShort(2, (short)checksum(packet, ICMP_HEADER + PAYLOAD), ByteOrder.BIG_ENDIAN);
        }
        return ICMP_HEADER + PAYLOAD;
    }

    /**
     * @param buffer bytes.
     * @param length how many, from 0.
     * @return the Internet checksum (RFC 1071) of them.
     */
    static int checksum(final UnsafeBuffer buffer, final int length)
    {
        long sum = 0;
        int i = 0;
        for (; i + 1 < length; i += 2)
        {
            sum += buffer.getShort(i, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        }
        if (i < length)
        {
            sum += (buffer.getByte(i) & 0xFF) << 8;
        }
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int)(~sum & 0xFFFF);
    }

    private int sockaddr(final UnsafeBuffer address)
    {
        address.setMemory(0, SOCKADDR_ROOM, (byte)0);
        final byte[] bytes = target.getAddress();
        if (v6)
        {
            address.putShort(0, (short)AF_INET6, ByteOrder.nativeOrder());
            address.putBytes(8, bytes);
            return SOCKADDR_IN6;
        }
        address.putShort(0, (short)AF_INET, ByteOrder.nativeOrder());
        address.putBytes(4, bytes);
        return SOCKADDR_IN;
    }

    @Override
    void poll(final long nowNs)
    {
        if (done())
        {
            return;
        }
        final IcmpLibC libc = IcmpLibC.Holder.LIBC;
        final UnsafeBuffer packet = PACKETS.get();
        for (int i = 0; i < MAX_READS_PER_POLL; i++)
        {
            final long n = libc.recv(fd, packet.addressOffset(), PACKET_ROOM, 0);
            if (n < 0)
            {
                final int errno = IcmpLibC.Holder.RUNTIME.getLastError();
                if (errno != EAGAIN)
                {
                    fail("ICMP receive: " + libc.strerror(errno));
                    return;
                }
                break;
            }
            if (isOurReply(packet, (int)n))
            {
                succeed();
                return;
            }
        }
        if (nowNs - deadlineNs >= 0)
        {
            fail("no ICMP echo reply");
        }
    }

    /**
     * The connected raw socket gets every ICMP message from the target (after the IPv4 header; ICMPv6 ones come
     * without the IPv6 header). Ours: an echo reply with our identifier and sequence.
     */
    private boolean isOurReply(final UnsafeBuffer packet, final int length)
    {
        final int offset = v6 ? 0 : (packet.getByte(0) & 0x0F) * 4;
        if (length < offset + ICMP_HEADER)
        {
            return false;
        }
        final int type = packet.getByte(offset) & 0xFF;
        return type == (v6 ? ECHO6_REPLY : ECHO_REPLY) &&
            (packet.getShort(offset + 4, ByteOrder.BIG_ENDIAN) & 0xFFFF) == identifier &&
            (packet.getShort(offset + 6, ByteOrder.BIG_ENDIAN) & 0xFFFF) == sequence;
    }

    private String error()
    {
        return IcmpLibC.Holder.LIBC.strerror(IcmpLibC.Holder.RUNTIME.getLastError());
    }

    @Override
    void cancel()
    {
        if (fd >= 0)
        {
            IcmpLibC.Holder.LIBC.close(fd);
            fd = -1;
        }
    }
}
