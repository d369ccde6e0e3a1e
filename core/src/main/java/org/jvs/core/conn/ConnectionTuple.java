package org.jvs.core.conn;

import org.jvs.core.sched.ScheduleRequest;
import org.jvs.core.service.InetAddr;

/**
 * The addresses and ports of a connection entry being made: IPVS's {@code ip_vs_conn_param} plus the
 * destination. One mutable instance per worker, refilled for each new entry; nothing is allocated.
 * <p>
 * An address is held as two longs, {@code hi} and {@code lo}, each the big-endian value of eight address bytes.
 * IPv4 uses {@code lo} only (the address as an unsigned 32-bit value) and {@code hi} = 0; the family keeps
 * an IPv4 address apart from the IPv6 address with the same low bits.
 */
public final class ConnectionTuple
{
    private int protocol;
    private int family = InetAddr.AF_INET;
    private long clientHi;
    private long clientLo;
    private int clientPort;
    private long virtualHi;
    private long virtualLo;
    private int virtualPort;
    private long destinationHi;
    private long destinationLo;
    private int destinationPort;

    /**
     * @param protocol IP protocol number.
     * @param family   {@link InetAddr#AF_INET} or {@link InetAddr#AF_INET6}.
     * @return this.
     */
    public ConnectionTuple protocol(final int protocol, final int family)
    {
        this.protocol = protocol;
        this.family = family;
        return this;
    }

    /**
     * @param hi   high 64 bits of CIP (0 for IPv4).
     * @param lo   low 64 bits of CIP.
     * @param port client port.
     * @return this.
     */
    public ConnectionTuple client(final long hi, final long lo, final int port)
    {
        clientHi = hi;
        clientLo = lo;
        clientPort = port;
        return this;
    }

    /**
     * @param hi   high 64 bits of VIP (0 for IPv4).
     * @param lo   low 64 bits of VIP.
     * @param port virtual port.
     * @return this.
     */
    public ConnectionTuple virtual(final long hi, final long lo, final int port)
    {
        virtualHi = hi;
        virtualLo = lo;
        virtualPort = port;
        return this;
    }

    /**
     * @param hi   high 64 bits of RIP (0 for IPv4).
     * @param lo   low 64 bits of RIP.
     * @param port real port.
     * @return this.
     */
    public ConnectionTuple destination(final long hi, final long lo, final int port)
    {
        destinationHi = hi;
        destinationLo = lo;
        destinationPort = port;
        return this;
    }

    /**
     * Take protocol, family, client and virtual side from a new connection's first packet.
     *
     * @param request the packet as given to the scheduler.
     * @return this.
     */
    public ConnectionTuple from(final ScheduleRequest request)
    {
        protocol = request.protocol();
        family = request.family();
        if (family == InetAddr.AF_INET6)
        {
            clientHi = words(request.sourceWord(0), request.sourceWord(1));
            clientLo = words(request.sourceWord(2), request.sourceWord(3));
            virtualHi = words(request.destinationWord(0), request.destinationWord(1));
            virtualLo = words(request.destinationWord(2), request.destinationWord(3));
        }
        else
        {
            clientHi = 0;
            clientLo = request.sourceWord(0) & 0xFFFF_FFFFL;
            virtualHi = 0;
            virtualLo = request.destinationWord(0) & 0xFFFF_FFFFL;
        }
        clientPort = request.sourcePort();
        virtualPort = request.destinationPort();
        return this;
    }

    /**
     * @param high the first four address bytes as a big-endian int.
     * @param low  the next four.
     * @return the eight bytes as a big-endian long.
     */
    public static long words(final int high, final int low)
    {
        return (long)high << 32 | (low & 0xFFFF_FFFFL);
    }

    /**
     * @param address an address.
     * @return its high 64 bits (0 for IPv4).
     */
    public static long hi(final InetAddr address)
    {
        return address.isIpv6() ? words(address.word(0), address.word(1)) : 0;
    }

    /**
     * @param address an address.
     * @return its low 64 bits (the unsigned IPv4 address for IPv4).
     */
    public static long lo(final InetAddr address)
    {
        return address.isIpv6() ? words(address.word(2), address.word(3)) : address.ipv4() & 0xFFFF_FFFFL;
    }

    /**
     * Make an address object from the two-long form (control plane only: it allocates).
     *
     * @param family address family.
     * @param hi     high 64 bits.
     * @param lo     low 64 bits.
     * @return the address.
     */
    public static InetAddr address(final int family, final long hi, final long lo)
    {
        if (family != InetAddr.AF_INET6)
        {
            return InetAddr.ipv4((int)lo);
        }
        final byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++)
        {
            bytes[i] = (byte)(hi >>> (56 - 8 * i));
            bytes[i + 8] = (byte)(lo >>> (56 - 8 * i));
        }
        return InetAddr.of(bytes);
    }

    public int protocol()
    {
        return protocol;
    }

    public int family()
    {
        return family;
    }

    public long clientHi()
    {
        return clientHi;
    }

    public long clientLo()
    {
        return clientLo;
    }

    public int clientPort()
    {
        return clientPort;
    }

    public long virtualHi()
    {
        return virtualHi;
    }

    public long virtualLo()
    {
        return virtualLo;
    }

    public int virtualPort()
    {
        return virtualPort;
    }

    public long destinationHi()
    {
        return destinationHi;
    }

    public long destinationLo()
    {
        return destinationLo;
    }

    public int destinationPort()
    {
        return destinationPort;
    }
}
