package org.jvs.core.sched;

import org.jvs.core.service.InetAddr;

/**
 * What a scheduler may look at of a new connection's first packet: addresses, ports, protocol, time.
 * One mutable instance per worker, refilled for each new connection; nothing is allocated.
 * Addresses are held as IPVS holds them: up to four words, each the big-endian value of four bytes.
 */
public final class ScheduleRequest
{
    private final int[] source = new int[4];
    private final int[] destination = new int[4];
    private int family = InetAddr.AF_INET;
    private int protocol;
    private int sourcePort;
    private int destinationPort;
    private long nowNs;

    /**
     * Fill for an IPv4 packet.
     *
     * @param protocol        IP protocol number.
     * @param sourceAddress   client address, host order.
     * @param sourcePort      client port.
     * @param destinationAddr destination address (the VIP), host order.
     * @param destinationPort destination port.
     * @param nowNs           time of the packet, from the worker's cached clock.
     * @return this.
     */
    public ScheduleRequest ipv4(
        final int protocol,
        final int sourceAddress,
        final int sourcePort,
        final int destinationAddr,
        final int destinationPort,
        final long nowNs)
    {
        family = InetAddr.AF_INET;
        this.protocol = protocol;
        source[0] = sourceAddress;
        source[1] = 0;
        source[2] = 0;
        source[3] = 0;
        destination[0] = destinationAddr;
        destination[1] = 0;
        destination[2] = 0;
        destination[3] = 0;
        this.sourcePort = sourcePort;
        this.destinationPort = destinationPort;
        this.nowNs = nowNs;
        return this;
    }

    /**
     * Fill from address objects (control plane, simulator, tests).
     *
     * @param protocol        IP protocol number.
     * @param sourceAddress   client address.
     * @param sourcePort      client port.
     * @param destinationAddr destination address.
     * @param destinationPort destination port.
     * @param nowNs           time.
     * @return this.
     */
    public ScheduleRequest of(
        final int protocol,
        final InetAddr sourceAddress,
        final int sourcePort,
        final InetAddr destinationAddr,
        final int destinationPort,
        final long nowNs)
    {
        family = sourceAddress.family();
        this.protocol = protocol;
        for (int i = 0; i < 4; i++)
        {
            source[i] = sourceAddress.isIpv6() || i == 0 ? sourceAddress.word(i) : 0;
            destination[i] = destinationAddr.isIpv6() || i == 0 ? destinationAddr.word(i) : 0;
        }
        this.sourcePort = sourcePort;
        this.destinationPort = destinationPort;
        this.nowNs = nowNs;
        return this;
    }

    /**
     * Set one word of an IPv6 source or destination (the packet path fills IPv6 word by word).
     *
     * @param isSource true for the source address.
     * @param index    word 0..3.
     * @param value    big-endian value of the word's four bytes.
     * @return this.
     */
    public ScheduleRequest ipv6Word(final boolean isSource, final int index, final int value)
    {
        family = InetAddr.AF_INET6;
        (isSource ? source : destination)[index] = value;
        return this;
    }

    public int family()
    {
        return family;
    }

    public int protocol()
    {
        return protocol;
    }

    /**
     * @param index word 0..3 (IPv4 uses word 0).
     * @return a word of the client address.
     */
    public int sourceWord(final int index)
    {
        return source[index];
    }

    /**
     * @param index word 0..3.
     * @return a word of the destination address.
     */
    public int destinationWord(final int index)
    {
        return destination[index];
    }

    /**
     * @return IPVS's fold of the source address (the address for IPv4, the XOR of the words for IPv6).
     */
    public int sourceFold()
    {
        return source[0] ^ source[1] ^ source[2] ^ source[3];
    }

    /**
     * @return IPVS's fold of the destination address.
     */
    public int destinationFold()
    {
        return destination[0] ^ destination[1] ^ destination[2] ^ destination[3];
    }

    public int sourcePort()
    {
        return sourcePort;
    }

    public int destinationPort()
    {
        return destinationPort;
    }

    public long nowNs()
    {
        return nowNs;
    }
}
