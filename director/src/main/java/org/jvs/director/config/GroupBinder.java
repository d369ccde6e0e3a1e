package org.jvs.director.config;

import java.util.ArrayList;
import java.util.List;

import org.jvs.core.service.InetAddr;
import org.jvs.director.config.model.VirtualServerGroupConfig;

/**
 * Reads {@code virtual_server_group NAME { ... }}: lines {@code IP [PORT]}, {@code IP-LAST [PORT]} (a range in
 * the last byte of an IPv4 address, or the last group of an IPv6 one, as keepalived writes it) and
 * {@code fwmark N}.
 */
final class GroupBinder
{
    private final BindContext context;

    GroupBinder(final BindContext context)
    {
        this.context = context;
    }

    VirtualServerGroupConfig bind(final ConfigNode node)
    {
        if (!context.args(node, 1, 1, "virtual_server_group NAME {"))
        {
            return null;
        }
        final List<VirtualServerGroupConfig.Member> members = new ArrayList<>();
        for (final ConfigNode line : node.children())
        {
            if (line.hasBlock())
            {
                context.error(line, "'" + line.text() + "' takes no block in virtual_server_group" +
                    " (expected 'IP PORT', 'IP-LAST PORT' or 'fwmark N')");
                continue;
            }
            final VirtualServerGroupConfig.Member member = member(line);
            if (member != null)
            {
                members.add(member);
            }
        }
        return new VirtualServerGroupConfig(node.location(), node.arg(0), members);
    }

    private VirtualServerGroupConfig.Member member(final ConfigNode line)
    {
        if ("fwmark".equals(line.keyword()))
        {
            final int mark = context.integer(line, 0, "fwmark", 1, 0xFFFFFFFFL, 0);
            return mark == 0 ? null : new VirtualServerGroupConfig.Member(line.location(), null, 0, 0, mark);
        }
        final String text = line.keyword();
        final int dash = text.lastIndexOf('-');
        final String firstText = dash < 0 ? text : text.substring(0, dash);
        final InetAddr first;
        try
        {
            first = InetAddr.parse(firstText);
        }
        catch (final IllegalArgumentException ex)
        {
            context.error(line, "bad IP address '" + firstText + "' in virtual_server_group" +
                " (expected 'IP PORT', 'IP-LAST PORT' or 'fwmark N')");
            return null;
        }
        final int count = dash < 0 ? 1 : count(line, first, text.substring(dash + 1));
        if (count <= 0)
        {
            return null;
        }
        int port = 0;
        if (line.argCount() > 0)
        {
            port = context.integer(line, 0, "virtual_server_group port", 0, 65535, -1);
        }
        if (line.argCount() > 1)
        {
            context.warning(line, "extra values after '" + text + " " + line.arg(0) + "' ignored" +
                " (expected 'IP PORT')");
        }
        return port < 0 ? null : new VirtualServerGroupConfig.Member(line.location(), first, count, port, 0);
    }

    private int count(final ConfigNode line, final InetAddr first, final String lastText)
    {
        final byte[] bytes = first.bytes();
        final int last = bytes.length - 1;
        final boolean ipv6 = first.isIpv6();
        final int start = ipv6 ? (bytes[last - 1] & 0xFF) << 8 | (bytes[last] & 0xFF) : bytes[last] & 0xFF;
        final int max = ipv6 ? 0xFFFF : 255;
        final String pattern = ipv6 ? "[0-9a-fA-F]{1,4}" : "[0-9]{1,3}";
        final int end = lastText.matches(pattern) ? Integer.parseInt(lastText, ipv6 ? 16 : 10) : -1;
        if (end < start || end > max)
        {
            context.error(line, "bad address range '" + line.keyword() + "' (expected FIRST-LAST with LAST from " +
                (ipv6 ? Integer.toHexString(start) : start) + " to " + (ipv6 ? "ffff" : "255") +
                ", the last " + (ipv6 ? "group" : "byte") + " of the range's end)");
            return 0;
        }
        return end - start + 1;
    }
}
