package org.jvs.core.forward;

/**
 * What a forwarding handler may ask the worker about leaving the director, without allocating.
 */
public interface Egress
{
    /**
     * @param destination IPv4 address, host order.
     * @return the director's address on the interface the destination is reached by (TUN's outer source), or 0
     * when there is no route.
     */
    int sourceAddressFor(int destination);

    /**
     * @param destination IPv4 address, host order.
     * @return the MTU of the interface the destination is reached by, or 0 when there is no route.
     */
    int mtuFor(int destination);

    /**
     * @return a fresh IP identification for a packet the director makes (TUN's outer header, ICMP).
     */
    int nextIpIdentification();
}
