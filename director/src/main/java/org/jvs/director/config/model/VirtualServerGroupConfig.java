package org.jvs.director.config.model;

import java.util.ArrayList;
import java.util.List;

import org.jvs.core.service.InetAddr;
import org.jvs.director.config.Location;

/**
 * {@code virtual_server_group NAME { IP PORT | IP-LAST PORT | fwmark N ... }}: one virtual server definition
 * applied to several virtual services.
 *
 * @param location where the block starts.
 * @param name     the group's name.
 * @param members  its lines, in file order.
 */
public record VirtualServerGroupConfig(Location location, String name, List<Member> members)
{
    /**
     * Copies the list.
     */
    public VirtualServerGroupConfig
    {
        members = List.copyOf(members);
    }

    /**
     * One line of a group: an address (or a range of addresses differing in the last byte or group) with a
     * port, or a firewall mark.
     *
     * @param location where it stands.
     * @param first    first address, null for a fwmark.
     * @param count    number of consecutive addresses from {@code first} ({@code 192.168.1.1-10} is 10).
     * @param port     virtual port.
     * @param fwmark   firewall mark, 0 for an address line.
     */
    public record Member(Location location, InetAddr first, int count, int port, int fwmark)
    {
        /**
         * @return every address of the line, in order (empty for a fwmark).
         */
        public List<InetAddr> addresses()
        {
            final List<InetAddr> out = new ArrayList<>(Math.max(count, 0));
            if (first == null)
            {
                return out;
            }
            final byte[] bytes = first.bytes();
            final int last = bytes.length - 1;
            final boolean ipv6 = first.isIpv6();
            final int base = ipv6 ? (bytes[last - 1] & 0xFF) << 8 | (bytes[last] & 0xFF) : bytes[last] & 0xFF;
            for (int i = 0; i < count; i++)
            {
                final int value = base + i;
                if (ipv6)
                {
                    bytes[last - 1] = (byte)(value >>> 8);
                }
                bytes[last] = (byte)value;
                out.add(InetAddr.of(bytes));
            }
            return out;
        }
    }
}
