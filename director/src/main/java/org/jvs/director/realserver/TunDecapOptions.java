package org.jvs.director.realserver;

import java.util.Arrays;

/**
 * Arguments of {@code jvs realserver tun-decap IFNAME [--vip A.B.C.D ...] [--tun-name NAME] [--quiet]}.
 */
public final class TunDecapOptions
{
    /** TUN device name used when none is given. */
    public static final String DEFAULT_TUN_NAME = "jvstun0";

    private String interfaceName;
    private int[] vips = new int[0];
    private String tunName = DEFAULT_TUN_NAME;
    private boolean quiet;
    private boolean help;

    /**
     * @param args the arguments after {@code tun-decap}.
     * @return the options.
     * @throws IllegalArgumentException naming the offending argument.
     */
    public static TunDecapOptions parse(final String[] args)
    {
        final TunDecapOptions options = new TunDecapOptions();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            switch (arg)
            {
                case "--vip":
                    options.addVip(value(args, i++));
                    break;
                case "--tun-name":
                    options.tunName = tunName(value(args, i++));
                    break;
                case "--quiet":
                case "-q":
                    options.quiet = true;
                    break;
                case "--help":
                case "-h":
                    options.help = true;
                    break;
                default:
                    options.positional(arg);
                    break;
            }
        }
        if (options.interfaceName == null && !options.help)
        {
            throw new IllegalArgumentException("tun-decap: missing IFNAME (the interface IPIP packets arrive on)");
        }
        return options;
    }

    private void positional(final String arg)
    {
        if (arg.startsWith("-"))
        {
            throw new IllegalArgumentException("tun-decap: unknown option '" + arg + "'");
        }
        if (interfaceName != null)
        {
            throw new IllegalArgumentException("tun-decap: unexpected argument '" + arg + "' (IFNAME is already '" +
                interfaceName + "')");
        }
        if (arg.isEmpty() || arg.length() > 15 || arg.indexOf('/') >= 0)
        {
            throw new IllegalArgumentException("tun-decap: IFNAME '" + arg + "' is not an interface name");
        }
        interfaceName = arg;
    }

    private void addVip(final String text)
    {
        final int vip = parseIpv4(text, "--vip");
        vips = Arrays.copyOf(vips, vips.length + 1);
        vips[vips.length - 1] = vip;
    }

    private static String value(final String[] args, final int index)
    {
        if (index + 1 >= args.length)
        {
            throw new IllegalArgumentException("tun-decap: " + args[index] + " needs a value");
        }
        return args[index + 1];
    }

    private static String tunName(final String name)
    {
        if (name.isEmpty() || name.length() > 15 || name.indexOf('/') >= 0 || name.indexOf(' ') >= 0)
        {
            throw new IllegalArgumentException("tun-decap: --tun-name '" + name + "': want 1..15 characters, no " +
                "'/' or space");
        }
        return name;
    }

    /**
     * @param text   dotted quad, e.g. "198.18.0.100".
     * @param option what the text was given for, named in the error.
     * @return the address, first octet highest.
     * @throws IllegalArgumentException naming the option and the text.
     */
    public static int parseIpv4(final String text, final String option)
    {
        final String[] parts = text.split("\\.", -1);
        if (parts.length != 4)
        {
            throw badAddress(text, option);
        }
        int address = 0;
        for (final String part : parts)
        {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit))
            {
                throw badAddress(text, option);
            }
            final int octet = Integer.parseInt(part);
            if (octet > 255)
            {
                throw badAddress(text, option);
            }
            address = (address << 8) | octet;
        }
        return address;
    }

    private static IllegalArgumentException badAddress(final String text, final String option)
    {
        return new IllegalArgumentException("tun-decap: " + option + " '" + text +
            "' is not an IPv4 address (want A.B.C.D)");
    }

    /**
     * @param address first octet highest.
     * @return dotted quad.
     */
    public static String formatIpv4(final int address)
    {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." +
            (address & 0xFF);
    }

    /**
     * @return the interface IPIP packets arrive on, e.g. "eth0"; null only with --help.
     */
    public String interfaceName()
    {
        return interfaceName;
    }

    /**
     * @return inner destinations accepted (empty: any).
     */
    public int[] vips()
    {
        return vips.clone();
    }

    /**
     * @return the TUN device to create.
     */
    public String tunName()
    {
        return tunName;
    }

    /**
     * @return true to print only the ready line on standard output.
     */
    public boolean quiet()
    {
        return quiet;
    }

    /**
     * @return true when --help was asked for.
     */
    public boolean help()
    {
        return help;
    }
}
