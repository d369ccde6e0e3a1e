package org.jvs.core.service;

/**
 * What identifies a virtual service: (protocol, VIP, port), or a firewall mark.
 *
 * @param protocol IP protocol number (6 TCP, 17 UDP, 132 SCTP); for a fwmark service the family's
 *                 protocol is not part of the key and this is 0.
 * @param address  VIP, or null for a fwmark service.
 * @param port     virtual port (0 for a port-zero service).
 * @param fwmark   firewall mark, 0 for an address service.
 * @param family   {@link InetAddr#AF_INET} or {@link InetAddr#AF_INET6}.
 */
public record ServiceKey(int protocol, InetAddr address, int port, int fwmark, int family)
{
    /** IP protocol number of TCP. */
    public static final int TCP = 6;
    /** IP protocol number of UDP. */
    public static final int UDP = 17;
    /** IP protocol number of SCTP. */
    public static final int SCTP = 132;

    /**
     * @param protocol 6, 17 or 132.
     * @param address  VIP.
     * @param port     virtual port.
     * @return the key of an address service.
     */
    public static ServiceKey of(final int protocol, final InetAddr address, final int port)
    {
        return new ServiceKey(protocol, address, port, 0, address.family());
    }

    /**
     * @param fwmark firewall mark.
     * @param family address family of the service.
     * @return the key of a fwmark service.
     */
    public static ServiceKey ofFwmark(final int fwmark, final int family)
    {
        return new ServiceKey(0, null, 0, fwmark, family);
    }

    /**
     * @return true for a fwmark service.
     */
    public boolean isFwmark()
    {
        return fwmark != 0;
    }

    /**
     * @param protocol IP protocol number.
     * @return ipvsadm's name of it: TCP, UDP, SCTP.
     */
    public static String protocolName(final int protocol)
    {
        switch (protocol)
        {
            case TCP:
                return "TCP";
            case UDP:
                return "UDP";
            case SCTP:
                return "SCTP";
            default:
                return "IP";
        }
    }

    /**
     * @return as ipvsadm prints it: {@code TCP  198.18.0.100:80} or {@code FWM  1}.
     */
    @Override
    public String toString()
    {
        if (isFwmark())
        {
            return "FWM  " + fwmark;
        }
        final String host = address.isIpv6() ? "[" + address + "]" : address.toString();
        return String.format("%-4s %s:%d", protocolName(protocol), host, port);
    }
}
