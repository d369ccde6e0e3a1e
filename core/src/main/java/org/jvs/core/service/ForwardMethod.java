package org.jvs.core.service;

/**
 * How a connection's packets reach its real server, with ipvsadm's names: the word in the
 * {@code Forward} column of {@code ipvsadm -L -n} and the option that selects it.
 */
public enum ForwardMethod
{
    /** NAT: destination address and port rewritten, replies rewritten back ({@code -m}). */
    MASQ("Masq", "-m"),
    /** The director itself is the real server. */
    LOCAL("Local", "-g"),
    /** IP-in-IP encapsulation to the real server ({@code -i}). */
    TUNNEL("Tunnel", "-i"),
    /** Direct Routing: only the destination MAC changes ({@code -g}, the default). */
    ROUTE("Route", "-g");

    private final String ipvsadmName;
    private final String option;

    ForwardMethod(final String ipvsadmName, final String option)
    {
        this.ipvsadmName = ipvsadmName;
        this.option = option;
    }

    /**
     * @return the word ipvsadm prints in the Forward column.
     */
    public String ipvsadmName()
    {
        return ipvsadmName;
    }

    /**
     * @return the ipvsadm option that selects this method, as {@code ipvsadm -S} writes it.
     */
    public String option()
    {
        return option;
    }

    /**
     * @param keepalivedKind {@code lb_kind} of keepalived.conf: NAT, DR or TUN (case-insensitive).
     * @return the method, or null when the word is none of those.
     */
    public static ForwardMethod fromLbKind(final String keepalivedKind)
    {
        switch (keepalivedKind.toUpperCase(java.util.Locale.ROOT))
        {
            case "NAT":
                return MASQ;
            case "DR":
                return ROUTE;
            case "TUN":
                return TUNNEL;
            default:
                return null;
        }
    }
}
