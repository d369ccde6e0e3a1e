package org.jvs.forwarders.port;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * What the kernel says about a network interface of this process's network namespace, read from
 * {@code /sys/class/net/IF/}: its MAC address and MTU. Read once when a port opens, never per packet.
 */
public final class NetInterfaces
{
    private static final Path SYS_CLASS_NET = Paths.get("/sys/class/net");

    private NetInterfaces()
    {
    }

    /**
     * @param interfaceName e.g. "eth0".
     * @return its MAC address as 48 bits.
     * @throws IllegalArgumentException when there is no such interface or its address is not a MAC.
     */
    public static long macAddress(final String interfaceName)
    {
        return parseMac(read(interfaceName, "address"));
    }

    /**
     * @param interfaceName e.g. "eth0".
     * @return its MTU in bytes (the largest IP packet).
     * @throws IllegalArgumentException when there is no such interface.
     */
    public static int mtu(final String interfaceName)
    {
        final String text = read(interfaceName, "mtu");
        try
        {
            return Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(SYS_CLASS_NET.resolve(interfaceName).resolve("mtu") +
                ": '" + text + "' is not a number", ex);
        }
    }

    /**
     * @param text "aa:bb:cc:dd:ee:ff" (case ignored).
     * @return the address as 48 bits, first octet highest.
     * @throws IllegalArgumentException when the text is not a MAC address.
     */
    public static long parseMac(final String text)
    {
        final String[] octets = text.split(":");
        if (octets.length != 6)
        {
            throw new IllegalArgumentException("'" + text + "' is not a MAC address (want aa:bb:cc:dd:ee:ff)");
        }
        long mac = 0;
        for (final String octet : octets)
        {
            if (octet.length() != 2)
            {
                throw new IllegalArgumentException("'" + text + "' is not a MAC address (want aa:bb:cc:dd:ee:ff)");
            }
            try
            {
                mac = (mac << 8) | Integer.parseInt(octet, 16);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("'" + text + "' is not a MAC address: '" + octet + "'", ex);
            }
        }
        return mac;
    }

    /**
     * @param mac 48 bits, first octet highest.
     * @return "aa:bb:cc:dd:ee:ff".
     */
    public static String formatMac(final long mac)
    {
        final StringBuilder text = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8)
        {
            final int octet = (int)(mac >>> shift) & 0xff;
            text.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
            if (shift > 0)
            {
                text.append(':');
            }
        }
        return text.toString();
    }

    private static String read(final String interfaceName, final String attribute)
    {
        if (interfaceName.isEmpty() || interfaceName.contains("/") || interfaceName.startsWith("."))
        {
            throw new IllegalArgumentException("'" + interfaceName + "' is not an interface name");
        }
        final Path file = SYS_CLASS_NET.resolve(interfaceName).resolve(attribute);
        try
        {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("no network interface '" + interfaceName + "' here (" + file +
                ": " + ex.getMessage() + ")", ex);
        }
    }
}
