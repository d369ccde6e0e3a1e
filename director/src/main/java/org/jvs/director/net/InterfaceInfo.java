package org.jvs.director.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the director needs to know of one of its interfaces, read from its kernel: name, MAC, MTU and IPv4
 * addresses (the DIPs; the VIPs are never on the kernel's interfaces).
 *
 * @param name      interface name.
 * @param mac       48-bit MAC.
 * @param mtu       MTU.
 * @param addresses IPv4 addresses with their prefix lengths, as {@code ip -o -4 addr} shows them.
 */
public record InterfaceInfo(String name, long mac, int mtu, List<Prefix> addresses)
{
    /**
     * An address on an interface.
     *
     * @param address host-order IPv4 address.
     * @param length  prefix length.
     */
    public record Prefix(int address, int length)
    {
    }

    /**
     * Read an interface's facts from /sys and {@code ip -o -4 addr show dev NAME}.
     *
     * @param name interface name.
     * @return the facts.
     * @throws IOException when the interface does not exist or {@code ip} fails, naming the interface.
     */
    public static InterfaceInfo read(final String name) throws IOException
    {
        final Path sys = Path.of("/sys/class/net", name);
        if (!Files.isDirectory(sys))
        {
            throw new IOException("no interface " + name + " (not in /sys/class/net)");
        }
        final long mac = parseMac(Files.readString(sys.resolve("address")).trim());
        final int mtu = Integer.parseInt(Files.readString(sys.resolve("mtu")).trim());
        final String ipAddr = Shell.run("ip", "-o", "-4", "addr", "show", "dev", name);
        return new InterfaceInfo(name, mac, mtu, parseAddresses(ipAddr));
    }

    /**
     * @return every IPv4 address of every interface of this network namespace's kernel.
     * @throws IOException when {@code ip} fails.
     */
    public static List<Prefix> allKernelAddresses() throws IOException
    {
        return parseAddresses(Shell.run("ip", "-o", "-4", "addr", "show"));
    }

    /**
     * @param output lines of {@code ip -o -4 addr show}.
     * @return the IPv4 prefixes named by {@code inet A.B.C.D/N}.
     */
    static List<Prefix> parseAddresses(final String output)
    {
        final List<Prefix> prefixes = new ArrayList<>();
        for (final String line : output.split("\n"))
        {
            final String[] words = line.trim().split("\\s+");
            for (int i = 0; i + 1 < words.length; i++)
            {
                if ("inet".equals(words[i]))
                {
                    final String[] parts = words[i + 1].split("/");
                    final int length = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
                    prefixes.add(new Prefix(org.jvs.core.service.InetAddr.parse(parts[0]).ipv4(), length));
                }
            }
        }
        return prefixes;
    }

    /**
     * @param text MAC as {@code 02:00:00:00:00:0b}.
     * @return the MAC as 48 bits.
     */
    public static long parseMac(final String text)
    {
        final String[] parts = text.split(":");
        if (parts.length != 6)
        {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        long mac = 0;
        for (final String part : parts)
        {
            mac = mac << 8 | Integer.parseInt(part, 16);
        }
        return mac;
    }

    /**
     * @param mac 48-bit MAC.
     * @return as {@code 02:00:00:00:00:0b}.
     */
    public static String formatMac(final long mac)
    {
        final StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8)
        {
            sb.append(String.format(Locale.ROOT, "%02x", mac >>> shift & 0xFF));
            if (shift > 0)
            {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    /**
     * @return the first IPv4 address of the interface, 0 when it has none.
     */
    public int primaryAddress()
    {
        return addresses.isEmpty() ? 0 : addresses.get(0).address();
    }
}
