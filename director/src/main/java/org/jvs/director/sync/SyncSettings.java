package org.jvs.director.sync;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * One sync daemon's settings, as ipvsadm's {@code --start-daemon} and keepalived's {@code lvs_sync_daemon} give
 * them (IPVS's {@code struct ipvs_sync_daemon_cfg}); 0 means IPVS's default for the four optional ones.
 *
 * @param interfaceName the multicast interface.
 * @param syncId        the sync id (a backup with 0 takes any).
 * @param maxLength     largest message, 0 for the interface's MTU less the IPv4 and UDP headers.
 * @param group         IPv4 multicast group, host order, 0 for 224.0.0.81.
 * @param port          UDP port, 0 for 8848.
 * @param ttl           multicast TTL, 0 for 1.
 */
public record SyncSettings(String interfaceName, int syncId, int maxLength, int group, int port, int ttl)
{
    /**
     * @param interfaceName the multicast interface.
     * @param syncId        the sync id.
     * @return settings with IPVS's defaults for the rest.
     */
    public static SyncSettings of(final String interfaceName, final int syncId)
    {
        return new SyncSettings(interfaceName, syncId, 0, 0, 0, 0);
    }

    /**
     * @return the group and port to send to or receive on.
     */
    public InetSocketAddress groupAddress()
    {
        final int g = group != 0 ? group : SyncProtocol.MULTICAST_GROUP;
        try
        {
            return new InetSocketAddress(InetAddress.getByAddress(
                new byte[] {(byte)(g >>> 24), (byte)(g >>> 16), (byte)(g >>> 8), (byte)g}),
                port != 0 ? port : SyncProtocol.PORT);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * @return the multicast TTL to send with.
     */
    public int ttlOrDefault()
    {
        return ttl != 0 ? ttl : 1;
    }

    /**
     * @param type "master" or "backup".
     * @return ipvsadm's {@code -L --daemon} line: the optional settings only when set.
     */
    public String line(final String type)
    {
        final StringBuilder line = new StringBuilder(type).append(" sync daemon (mcast=").append(interfaceName)
            .append(", syncid=").append(syncId);
        if (maxLength != 0)
        {
            line.append(", maxlen=").append(maxLength);
        }
        if (group != 0)
        {
            line.append(", group=").append(groupAddress().getAddress().getHostAddress());
        }
        if (port != 0)
        {
            line.append(", port=").append(port);
        }
        if (ttl != 0)
        {
            line.append(", ttl=").append(ttl);
        }
        return line.append(')').toString();
    }
}
