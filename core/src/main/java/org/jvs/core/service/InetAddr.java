package org.jvs.core.service;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address as IPVS holds it ({@code union nf_inet_addr}): up to four 32-bit words, each the
 * big-endian value of four address bytes (what {@code ntohl} gives in C). IPv4 uses word 0 only.
 * Immutable; made on the control plane, read on the packet path without allocation.
 */
public final class InetAddr
{
    /** Address family IPv4, as IPVS's AF_INET. */
    public static final int AF_INET = 4;
    /** Address family IPv6, as IPVS's AF_INET6. */
    public static final int AF_INET6 = 6;

    private final int family;
    private final int w0;
    private final int w1;
    private final int w2;
    private final int w3;

    private InetAddr(final int family, final int w0, final int w1, final int w2, final int w3)
    {
        this.family = family;
        this.w0 = w0;
        this.w1 = w1;
        this.w2 = w2;
        this.w3 = w3;
    }

    /**
     * @param address host-order value of an IPv4 address ({@code 198.18.0.1} is {@code 0xC6120001}).
     * @return the address.
     */
    public static InetAddr ipv4(final int address)
    {
        return new InetAddr(AF_INET, address, 0, 0, 0);
    }

    /**
     * @param bytes 4 or 16 address bytes in network order.
     * @return the address.
     */
    public static InetAddr of(final byte[] bytes)
    {
        if (bytes.length == 4)
        {
            return ipv4(word(bytes, 0));
        }
        if (bytes.length == 16)
        {
            return new InetAddr(AF_INET6, word(bytes, 0), word(bytes, 4), word(bytes, 8), word(bytes, 12));
        }
        throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + bytes.length);
    }

    /**
     * Parse a numeric address (no name lookups).
     *
     * @param text dotted IPv4 or IPv6 text, with or without brackets.
     * @return the address.
     * @throws IllegalArgumentException naming the text when it is not a numeric address.
     */
    public static InetAddr parse(final String text)
    {
        final String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!isNumeric(bare))
        {
            throw new IllegalArgumentException("not a numeric IP address: " + text);
        }
        try
        {
            return of(InetAddress.getByName(bare).getAddress());
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("not a numeric IP address: " + text, ex);
        }
    }

    private static boolean isNumeric(final String text)
    {
        if (text.isEmpty())
        {
            return false;
        }
        if (text.indexOf(':') >= 0)
        {
            return text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        final String[] parts = text.split("\\.", -1);
        if (parts.length != 4)
        {
            return false;
        }
        for (final String part : parts)
        {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                || Integer.parseInt(part) > 255)
            {
                return false;
            }
        }
        return true;
    }

    private static int word(final byte[] b, final int i)
    {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    /**
     * @return {@link #AF_INET} or {@link #AF_INET6}.
     */
    public int family()
    {
        return family;
    }

    /**
     * @return true for IPv6.
     */
    public boolean isIpv6()
    {
        return family == AF_INET6;
    }

    /**
     * @param i word index 0..3 (IPv4 has only word 0).
     * @return the word's big-endian value.
     */
    public int word(final int i)
    {
        switch (i)
        {
            case 0:
                return w0;
            case 1:
                return w1;
            case 2:
                return w2;
            case 3:
                return w3;
            default:
                throw new IndexOutOfBoundsException(i);
        }
    }

    /**
     * @return the IPv4 address as a host-order int (word 0).
     */
    public int ipv4()
    {
        return w0;
    }

    /**
     * IPVS's address fold for hashing ({@code ip6[0]^ip6[1]^ip6[2]^ip6[3]} for IPv6, the address for IPv4).
     *
     * @return the fold, host order.
     */
    public int fold()
    {
        return w0 ^ w1 ^ w2 ^ w3;
    }

    /**
     * @return the address bytes in network order.
     */
    public byte[] bytes()
    {
        final int[] words = {w0, w1, w2, w3};
        final byte[] out = new byte[isIpv6() ? 16 : 4];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = (byte)(words[i >> 2] >>> (24 - 8 * (i & 3)));
        }
        return out;
    }

    /**
     * @return the JDK address.
     */
    public InetAddress toInetAddress()
    {
        try
        {
            return InetAddress.getByAddress(bytes());
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * @param address a JDK address.
     * @return the address.
     */
    public static InetAddr of(final InetAddress address)
    {
        if (!(address instanceof Inet4Address) && !(address instanceof Inet6Address))
        {
            throw new IllegalArgumentException("not an IP address: " + address);
        }
        return of(address.getAddress());
    }

    /**
     * @return the address as ipvsadm prints it: dotted quad, or IPv6 in brackets-free compressed form.
     */
    @Override
    public String toString()
    {
        if (!isIpv6())
        {
            return (w0 >>> 24) + "." + (w0 >>> 16 & 0xFF) + "." + (w0 >>> 8 & 0xFF) + "." + (w0 & 0xFF);
        }
        return compressIpv6();
    }

    private String compressIpv6()
    {
        final int[] groups = new int[8];
        final int[] words = {w0, w1, w2, w3};
        for (int i = 0; i < 8; i++)
        {
            groups[i] = (words[i >> 1] >>> ((i & 1) == 0 ? 16 : 0)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; )
        {
            int j = i;
            while (j < 8 && groups[j] == 0)
            {
                j++;
            }
            if (j - i > bestLength)
            {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':')
            {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(final Object o)
    {
        if (!(o instanceof InetAddr))
        {
            return false;
        }
        final InetAddr that = (InetAddr)o;
        return family == that.family && w0 == that.w0 && w1 == that.w1 && w2 == that.w2 && w3 == that.w3;
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(new int[] {family, w0, w1, w2, w3});
    }
}
