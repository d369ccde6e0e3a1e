package org.jvs.core.service;

/**
 * A real server as the control plane configures it ({@code ipvsadm -a}, a keepalived {@code real_server}):
 * immutable, part of a {@link ServiceTable} snapshot.
 *
 * @param address        RIP.
 * @param port           real port.
 * @param forwardMethod  DR, NAT or TUN.
 * @param weight         weight, 0 = quiesced.
 * @param upperThreshold {@code -x}, 0 for none.
 * @param lowerThreshold {@code -y}, 0 for none.
 */
public record DestSpec(
    InetAddr address, int port, ForwardMethod forwardMethod, int weight, int upperThreshold, int lowerThreshold)
{
    /**
     * @param weight new weight.
     * @return a copy with that weight.
     */
    public DestSpec withWeight(final int weight)
    {
        return new DestSpec(address, port, forwardMethod, weight, upperThreshold, lowerThreshold);
    }

    /**
     * @param address RIP.
     * @param port    real port.
     * @return true when this is that real server.
     */
    public boolean is(final InetAddr address, final int port)
    {
        return this.port == port && this.address.equals(address);
    }
}
