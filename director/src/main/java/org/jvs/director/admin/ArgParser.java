package org.jvs.director.admin;

import java.util.List;

import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;
import org.jvs.director.admin.OptionTokenizer.Arity;
import org.jvs.director.admin.OptionTokenizer.Spec;
import org.jvs.director.admin.OptionTokenizer.Token;

/**
 * Parses a jvsadm command line as ipvsadm 1.31's {@code parse_options} and {@code process_options} do: the
 * command must come first, options are checked against the command's table, and refusals carry ipvsadm's
 * words and exit status ({@link UsageException}). Addresses and ports must be numeric: jvs does no name or
 * service lookups.
 */
final class ArgParser
{
    static final String PROGRAM = "jvsadm";
    static final int EXIT_FAIL = 2;
    static final int EXIT_MINUS_ONE = 255;

    private static final int SERVICE_NONE = 0;
    private static final int SERVICE_ADDR = 1;
    private static final int SERVICE_PORT = 2;
    private static final int MAX_TIMEOUT_S = 86400 * 31;
    private static final int MAX_PORT = 65535;
    private static final int MAX_WEIGHT = 65535;

    private static final List<Spec> SPECS = List.of(
        new Spec("add-service", 'A', Arity.NONE), new Spec("edit-service", 'E', Arity.NONE),
        new Spec("delete-service", 'D', Arity.NONE), new Spec("clear", 'C', Arity.NONE),
        new Spec("list", 'L', Arity.NONE), new Spec("list", 'l', Arity.NONE), new Spec("zero", 'Z', Arity.NONE),
        new Spec("add-server", 'a', Arity.NONE), new Spec("edit-server", 'e', Arity.NONE),
        new Spec("delete-server", 'd', Arity.NONE), new Spec("set", '\0', Arity.NONE),
        new Spec("help", 'h', Arity.NONE), new Spec("version", 'v', Arity.NONE),
        new Spec("restore", 'R', Arity.NONE), new Spec("save", 'S', Arity.NONE),
        new Spec("start-daemon", '\0', Arity.REQUIRED), new Spec("stop-daemon", '\0', Arity.REQUIRED),
        new Spec("reload", '\0', Arity.NONE), new Spec("vrrp", '\0', Arity.NONE),
        new Spec("tcp-service", 't', Arity.REQUIRED), new Spec("udp-service", 'u', Arity.REQUIRED),
        new Spec("sctp-service", '\0', Arity.REQUIRED), new Spec("fwmark-service", 'f', Arity.REQUIRED),
        new Spec("scheduler", 's', Arity.REQUIRED), new Spec("persistent", 'p', Arity.OPTIONAL),
        new Spec("netmask", 'M', Arity.REQUIRED), new Spec("real-server", 'r', Arity.REQUIRED),
        new Spec("masquerading", 'm', Arity.NONE), new Spec("ipip", 'i', Arity.NONE),
        new Spec("gatewaying", 'g', Arity.NONE), new Spec("weight", 'w', Arity.REQUIRED),
        new Spec("u-threshold", 'x', Arity.REQUIRED), new Spec("l-threshold", 'y', Arity.REQUIRED),
        new Spec("numeric", 'n', Arity.NONE), new Spec("connection", 'c', Arity.NONE),
        new Spec("mcast-interface", '\0', Arity.REQUIRED), new Spec("syncid", '\0', Arity.REQUIRED),
        new Spec("mcast-group", '\0', Arity.REQUIRED), new Spec("mcast-port", '\0', Arity.REQUIRED),
        new Spec("mcast-ttl", '\0', Arity.REQUIRED), new Spec("sync-maxlen", '\0', Arity.REQUIRED),
        new Spec("timeout", '\0', Arity.NONE), new Spec("daemon", '\0', Arity.NONE),
        new Spec("stats", '\0', Arity.NONE), new Spec("rate", '\0', Arity.NONE),
        new Spec("thresholds", '\0', Arity.NONE), new Spec("persistent-conn", '\0', Arity.NONE),
        new Spec("nosort", '\0', Arity.NONE), new Spec("sort", '\0', Arity.NONE),
        new Spec("exact", 'X', Arity.NONE), new Spec("ipv6", '6', Arity.NONE), new Spec("ops", 'o', Arity.NONE),
        new Spec("pe", '\0', Arity.REQUIRED), new Spec("sched-flags", 'b', Arity.REQUIRED),
        new Spec("tun-type", '\0', Arity.REQUIRED));

    private ArgParser()
    {
    }

    /**
     * @return ipvsadm's hint after a command line it cannot start on.
     */
    static UsageException tryHelp()
    {
        return new UsageException(
            "Try `" + PROGRAM + " -h' or '" + PROGRAM + " --help' for more information.", EXIT_MINUS_ONE);
    }

    static UsageException fail(final String message)
    {
        return new UsageException(message, EXIT_FAIL);
    }

    /**
     * @param args the arguments after the program name (not empty).
     * @return the parsed invocation.
     * @throws UsageException with ipvsadm's message and exit status.
     */
    static Invocation parse(final String[] args)
    {
        final OptionTokenizer tokenizer = new OptionTokenizer(SPECS, args);
        final Invocation inv = new Invocation();
        final Token first;
        try
        {
            first = tokenizer.next();
        }
        catch (final OptionTokenizer.PoptError ex)
        {
            throw tryHelp();
        }
        inv.command = first == null ? null : command(first);
        if (inv.command == AdminCommand.START_DAEMON || inv.command == AdminCommand.STOP_DAEMON)
        {
            inv.daemonMaster = "master".equals(first.value());
        }
        if (inv.command == null)
        {
            throw tryHelp();
        }
        if (inv.command == AdminCommand.HELP || inv.command == AdminCommand.VERSION)
        {
            return inv;
        }
        parseOptions(tokenizer, inv);
        check(inv);
        return inv;
    }

    private static AdminCommand command(final Token token)
    {
        switch (token.spec().longName())
        {
            case "add-service":
                return AdminCommand.ADD;
            case "edit-service":
                return AdminCommand.EDIT;
            case "delete-service":
                return AdminCommand.DELETE;
            case "add-server":
                return AdminCommand.ADD_DEST;
            case "edit-server":
                return AdminCommand.EDIT_DEST;
            case "delete-server":
                return AdminCommand.DELETE_DEST;
            case "clear":
                return AdminCommand.FLUSH;
            case "list":
                return AdminCommand.LIST;
            case "zero":
                return AdminCommand.ZERO;
            case "set":
                return AdminCommand.TIMEOUT;
            case "restore":
                return AdminCommand.RESTORE;
            case "save":
                return AdminCommand.SAVE;
            case "reload":
                return AdminCommand.RELOAD;
            case "vrrp":
                return AdminCommand.VRRP;
            case "help":
                return AdminCommand.HELP;
            case "version":
                return AdminCommand.VERSION;
            case "start-daemon":
            case "stop-daemon":
                return daemonCommand(token);
            default:
                return null;
        }
    }

    private static AdminCommand daemonCommand(final Token token)
    {
        final boolean start = "start-daemon".equals(token.spec().longName());
        if (!"master".equals(token.value()) && !"backup".equals(token.value()))
        {
            throw fail(start ? "illegal start-daemon parameter specified" : "illegal start_daemon specified");
        }
        return start ? AdminCommand.START_DAEMON : AdminCommand.STOP_DAEMON;
    }

    private static void parseOptions(final OptionTokenizer tokenizer, final Invocation inv)
    {
        while (true)
        {
            final Token token;
            try
            {
                token = tokenizer.next();
            }
            catch (final OptionTokenizer.PoptError ex)
            {
                throw new UsageException(ex.getMessage(), EXIT_MINUS_ONE);
            }
            if (token == null)
            {
                break;
            }
            if (!serviceOption(token, inv) && !destOption(token, inv) && !listOption(token, inv) &&
                !daemonOption(token, inv))
            {
                throw fail("invalid option `" + token.text() + "'");
            }
        }
        final List<String> leftovers = tokenizer.leftovers();
        int next = 0;
        if (inv.command == AdminCommand.TIMEOUT)
        {
            if (leftovers.size() < 3)
            {
                throw fail("--set option requires 3 timeout values");
            }
            inv.tcpTimeoutS = parseTimeout(leftovers.get(0), 0);
            inv.tcpFinTimeoutS = parseTimeout(leftovers.get(1), 0);
            inv.udpTimeoutS = parseTimeout(leftovers.get(2), 0);
            next = 3;
        }
        if (next < leftovers.size())
        {
            throw fail("unexpected argument " + leftovers.get(next));
        }
        if (inv.schedFlagsText != null)
        {
            inv.flags &= ~(VirtualService.F_SCHED1 | VirtualService.F_SCHED2 | VirtualService.F_SCHED3);
            inv.flags |= parseSchedFlags(inv.schedulerName, inv.schedFlagsText);
        }
    }

    private static boolean serviceOption(final Token token, final Invocation inv)
    {
        final String value = token.value();
        switch (token.spec().longName())
        {
            case "tcp-service":
            case "udp-service":
            case "sctp-service":
                set(inv, AdminOption.SERVICE);
                inv.protocol = protocolOf(token.spec().longName());
                if ((parseService(value, inv, false) & SERVICE_ADDR) == 0)
                {
                    throw fail("illegal virtual server address[:port] specified");
                }
                return true;
            case "fwmark-service":
                set(inv, AdminOption.SERVICE);
                inv.family = InetAddr.AF_INET;
                inv.protocol = ServiceKey.TCP;
                inv.fwmark = parseFwmark(value);
                return true;
            case "scheduler":
                set(inv, AdminOption.SCHEDULER);
                inv.schedulerName = value.length() > 15 ? value.substring(0, 15) : value;
                return true;
            case "persistent":
                set(inv, AdminOption.PERSISTENT);
                inv.flags |= VirtualService.F_PERSISTENT;
                inv.persistenceTimeoutS = value == null ?
                    VirtualService.DEFAULT_PERSISTENCE_TIMEOUT_S : parseTimeout(value, 1);
                return true;
            case "netmask":
                set(inv, AdminOption.NETMASK);
                parseNetmask(value, inv);
                return true;
            case "ipv6":
                if (inv.fwmark == 0)
                {
                    throw fail("-6 used before -f\n");
                }
                inv.family = InetAddr.AF_INET6;
                inv.netmask = 128;
                return true;
            case "ops":
                set(inv, AdminOption.OPS);
                inv.flags |= VirtualService.F_ONEPACKET;
                return true;
            case "pe":
                set(inv, AdminOption.PE);
                inv.persistenceEngine = value;
                return true;
            case "sched-flags":
                set(inv, AdminOption.SCHED_FLAGS);
                inv.schedFlagsText = value;
                return true;
            default:
                return false;
        }
    }

    private static boolean destOption(final Token token, final Invocation inv)
    {
        final String value = token.value();
        switch (token.spec().longName())
        {
            case "real-server":
                set(inv, AdminOption.SERVER);
                parseRealServer(value, inv);
                return true;
            case "ipip":
                set(inv, AdminOption.FORWARD);
                inv.forwardMethod = ForwardMethod.TUNNEL;
                return true;
            case "gatewaying":
                set(inv, AdminOption.FORWARD);
                inv.forwardMethod = ForwardMethod.ROUTE;
                return true;
            case "masquerading":
                set(inv, AdminOption.FORWARD);
                inv.forwardMethod = ForwardMethod.MASQ;
                return true;
            case "weight":
                set(inv, AdminOption.WEIGHT);
                inv.weight = number(value, 0, MAX_WEIGHT, "illegal weight specified");
                return true;
            case "u-threshold":
                set(inv, AdminOption.U_THRESHOLD);
                inv.upperThreshold = number(value, 0, Integer.MAX_VALUE, "illegal u_threshold specified");
                return true;
            case "l-threshold":
                set(inv, AdminOption.L_THRESHOLD);
                inv.lowerThreshold = number(value, 0, Integer.MAX_VALUE, "illegal l_threshold specified");
                return true;
            case "tun-type":
                set(inv, AdminOption.TUN_TYPE);
                if ("gue".equals(value))
                {
                    throw fail("jvsadm: GUE tunnels are not supported by jvs, only ipip");
                }
                if (!"ipip".equals(value))
                {
                    throw fail("illegal tunnel type specified");
                }
                return true;
            default:
                return false;
        }
    }

    private static boolean daemonOption(final Token token, final Invocation inv)
    {
        final String value = token.value();
        switch (token.spec().longName())
        {
            case "mcast-interface":
                set(inv, AdminOption.MCAST);
                inv.mcastInterface = value;
                return true;
            case "syncid":
                set(inv, AdminOption.SYNCID);
                inv.syncId = number(value, 0, 255, "illegal syncid specified");
                return true;
            case "mcast-group":
                set(inv, AdminOption.MCAST_GROUP);
                inv.mcastGroup = mcastGroup(value);
                return true;
            case "mcast-port":
                set(inv, AdminOption.MCAST_PORT);
                inv.mcastPort = number(value, 1, 65535, "illegal mcast-port specified");
                return true;
            case "mcast-ttl":
                set(inv, AdminOption.MCAST_TTL);
                inv.mcastTtl = number(value, 1, 255, "illegal mcast-ttl specified");
                return true;
            case "sync-maxlen":
                set(inv, AdminOption.SYNC_MAXLEN);
                inv.syncMaxLength = number(value, 1, 65535 - 20 - 8, "illegal sync-maxlen specified");
                return true;
            default:
                return false;
        }
    }

    /**
     * ipvsadm's {@code --mcast-group}: a multicast address; jvs syncs over IPv4 only.
     */
    private static int mcastGroup(final String value)
    {
        final InetAddr group;
        try
        {
            group = InetAddr.parse(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw fail("invalid mcast-group address");
        }
        if (group.isIpv6())
        {
            throw fail("jvsadm: an IPv6 mcast-group is not supported by jvs (connection sync runs over IPv4)");
        }
        if ((group.ipv4() >>> 28) != 0xE)
        {
            throw fail("invalid mcast-group address");
        }
        return group.ipv4();
    }

    private static boolean listOption(final Token token, final Invocation inv)
    {
        switch (token.spec().longName())
        {
            case "connection":
                set(inv, AdminOption.CONNECTION);
                return true;
            case "numeric":
                return format(inv, AdminOption.NUMERIC, Invocation.FMT_NUMERIC);
            case "timeout":
                set(inv, AdminOption.TIMEOUT);
                return true;
            case "daemon":
                set(inv, AdminOption.DAEMON);
                return true;
            case "stats":
                return format(inv, AdminOption.STATS, Invocation.FMT_STATS);
            case "rate":
                return format(inv, AdminOption.RATE, Invocation.FMT_RATE);
            case "thresholds":
                return format(inv, AdminOption.THRESHOLDS, Invocation.FMT_THRESHOLDS);
            case "persistent-conn":
                return format(inv, AdminOption.PERSISTENT_CONN, Invocation.FMT_PERSISTENTCONN);
            case "nosort":
                return format(inv, AdminOption.NOSORT, Invocation.FMT_NOSORT);
            case "sort":
                return true;
            case "exact":
                return format(inv, AdminOption.EXACT, Invocation.FMT_EXACT);
            default:
                return false;
        }
    }

    private static boolean format(final Invocation inv, final AdminOption option, final int format)
    {
        set(inv, option);
        inv.format |= format;
        return true;
    }

    private static void set(final Invocation inv, final AdminOption option)
    {
        if (inv.has(option))
        {
            throw fail("multiple '" + option.ipvsadmName() + "' options specified");
        }
        inv.options |= option.bit();
    }

    private static int protocolOf(final String longName)
    {
        switch (longName)
        {
            case "tcp-service":
                return ServiceKey.TCP;
            case "udp-service":
                return ServiceKey.UDP;
            default:
                return ServiceKey.SCTP;
        }
    }

    private static void parseRealServer(final String value, final Invocation inv)
    {
        final Invocation dest = new Invocation();
        dest.family = inv.family;
        dest.protocol = inv.protocol;
        final int parsed = parseService(value, dest, true);
        if ((parsed & SERVICE_ADDR) == 0)
        {
            throw fail("illegal real server address[:port] specified");
        }
        inv.destAddress = dest.address;
        inv.destPort = parsed == SERVICE_ADDR ? inv.port : dest.port;
    }

    /**
     * ipvsadm's {@code parse_service}: {@code host[:port]}, {@code [v6]:port} or a bare IPv6 address.
     */
    static int parseService(final String text, final Invocation into, final boolean forDest)
    {
        if (text == null || allDigits(text))
        {
            return SERVICE_NONE;
        }
        String host = text;
        String port = null;
        if (text.startsWith("["))
        {
            final int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':')
            {
                return SERVICE_NONE;
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        }
        final InetAddr v6 = ipv6(host);
        if (v6 != null)
        {
            into.address = v6;
            into.family = InetAddr.AF_INET6;
            if (!forDest)
            {
                into.netmask = 128;
            }
        }
        else
        {
            final int colon = host.lastIndexOf(':');
            port = colon < 0 ? null : host.substring(colon + 1);
            final InetAddr v4 = ipv4(colon < 0 ? host : host.substring(0, colon));
            if (v4 == null)
            {
                return SERVICE_NONE;
            }
            into.address = v4;
            into.family = InetAddr.AF_INET;
        }
        if (port == null)
        {
            return SERVICE_ADDR;
        }
        final long number = toNumber(port);
        if (number < 0 || number > MAX_PORT)
        {
            return SERVICE_NONE;
        }
        into.port = (int)number;
        return SERVICE_ADDR | SERVICE_PORT;
    }

    private static InetAddr ipv6(final String text)
    {
        if (text.indexOf(':') < 0 || text.indexOf(':') == text.lastIndexOf(':'))
        {
            return null;
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.')
            {
                return null;
            }
        }
        try
        {
            final InetAddr address = InetAddr.parse(text);
            return address.isIpv6() ? address : null;
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    private static InetAddr ipv4(final String text)
    {
        if (text.indexOf(':') >= 0)
        {
            return null;
        }
        try
        {
            return InetAddr.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    private static void parseNetmask(final String value, final Invocation inv)
    {
        if (inv.family != InetAddr.AF_INET6)
        {
            final InetAddr mask = ipv4(value);
            if (mask == null)
            {
                throw fail("illegal virtual server persistent mask specified");
            }
            inv.netmask = mask.ipv4();
            return;
        }
        inv.netmask = atoi(value);
        if (inv.netmask < 1 || inv.netmask > 128)
        {
            throw fail("illegal ipv6 netmask specified");
        }
    }

    private static int parseFwmark(final String value)
    {
        final long mark = toNumber(value);
        if (mark <= 0 || mark > 0xFFFFFFFFL)
        {
            throw fail("invalid fwmark value `" + value + "' specified");
        }
        return (int)mark;
    }

    private static int parseTimeout(final String value, final int min)
    {
        final long timeout = toNumber(value);
        if (timeout < min || timeout > MAX_TIMEOUT_S)
        {
            throw fail("invalid timeout value `" + value + "' specified");
        }
        return (int)timeout;
    }

    private static int number(final String value, final int min, final int max, final String message)
    {
        final long number = toNumber(value);
        if (number < min || number > max)
        {
            throw fail(message);
        }
        return (int)number;
    }

    /**
     * {@code strtol(s, &end, 10)} that must consume the whole string; -1 when it does not.
     */
    private static long toNumber(final String text)
    {
        if (text == null || text.isEmpty() || text.length() > 18)
        {
            return -1;
        }
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private static int atoi(final String text)
    {
        int i = 0;
        int value = 0;
        while (i < text.length() && i < 9 && Character.isDigit(text.charAt(i)))
        {
            value = value * 10 + (text.charAt(i++) - '0');
        }
        return value;
    }

    private static boolean allDigits(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (!Character.isDigit(text.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }

    private static int parseSchedFlags(final String schedulerName, final String text)
    {
        final String scheduler = schedulerName.isEmpty() ? Invocation.DEFAULT_SCHEDULER : schedulerName;
        int flags = 0;
        final String[] names = text.split(",");
        for (final String flag : names)
        {
            if (flag.isEmpty())
            {
                continue;
            }
            switch (flag)
            {
                case "flag-1":
                    flags |= VirtualService.F_SCHED1;
                    break;
                case "flag-2":
                    flags |= VirtualService.F_SCHED2;
                    break;
                case "flag-3":
                    flags |= VirtualService.F_SCHED3;
                    break;
                case "sh-fallback":
                case "sh-port":
                case "mh-fallback":
                case "mh-port":
                    if (!scheduler.equals(flag.substring(0, 2)))
                    {
                        throw fail("incompatible scheduler flag `" + flag + "'");
                    }
                    flags |= flag.endsWith("fallback") ? VirtualService.F_SCHED1 : VirtualService.F_SCHED2;
                    break;
                default:
                    throw fail("invalid scheduler flag `" + flag + "'");
            }
        }
        return flags;
    }

    private static void check(final Invocation inv)
    {
        checkOptions(inv);
        final AdminCommand command = inv.command;
        if (command == AdminCommand.ADD || command == AdminCommand.EDIT)
        {
            if (inv.fwmark == 0 && inv.port == 0 && (inv.flags & VirtualService.F_PERSISTENT) == 0)
            {
                throw fail("Zero port specified for non-persistent service");
            }
            if ((inv.flags & VirtualService.F_ONEPACKET) != 0 && inv.fwmark == 0 && inv.protocol != ServiceKey.UDP)
            {
                throw fail("One-Packet Scheduling is only for UDP virtual services");
            }
            if (inv.schedulerName.isEmpty())
            {
                inv.schedulerName = Invocation.DEFAULT_SCHEDULER;
            }
        }
        if (command == AdminCommand.ADD_DEST || command == AdminCommand.EDIT_DEST)
        {
            if (inv.fwmark == 0 && inv.forwardMethod != ForwardMethod.MASQ)
            {
                inv.destPort = inv.port;
            }
            if (inv.destAddress.family() != serviceFamily(inv) && inv.forwardMethod != ForwardMethod.TUNNEL)
            {
                throw fail("Different address family is allowed only for tunneling servers");
            }
            if (inv.has(AdminOption.TUN_TYPE) && inv.forwardMethod != ForwardMethod.TUNNEL)
            {
                throw fail("Tunnel options conflict with forward method");
            }
        }
        if (command == AdminCommand.LIST)
        {
            checkListConflicts(inv);
        }
    }

    private static int serviceFamily(final Invocation inv)
    {
        return inv.family == InetAddr.AF_INET6 ? InetAddr.AF_INET6 : InetAddr.AF_INET;
    }

    private static void checkListConflicts(final Invocation inv)
    {
        final boolean special = inv.has(AdminOption.CONNECTION) || inv.has(AdminOption.TIMEOUT) ||
            inv.has(AdminOption.DAEMON);
        final boolean columns = inv.has(AdminOption.STATS) || inv.has(AdminOption.RATE) ||
            inv.has(AdminOption.THRESHOLDS);
        final boolean timeoutOrDaemon = inv.has(AdminOption.TIMEOUT) || inv.has(AdminOption.DAEMON);
        // jvs's own: -L --daemon --stats adds the sync daemons' counters.
        final boolean daemonCounters = inv.has(AdminOption.DAEMON) && inv.has(AdminOption.STATS) &&
            !inv.has(AdminOption.CONNECTION) && !inv.has(AdminOption.TIMEOUT) && !inv.has(AdminOption.RATE) &&
            !inv.has(AdminOption.THRESHOLDS);
        if ((special && columns && !daemonCounters) || (timeoutOrDaemon && inv.has(AdminOption.PERSISTENT_CONN)))
        {
            throw fail("options conflicts in the list command");
        }
    }

    /**
     * ipvsadm's {@code generic_opt_check}: compulsory, illegal and mutually exclusive options.
     */
    private static void checkOptions(final Invocation inv)
    {
        final AdminCommand command = inv.command;
        AdminOption last = null;
        for (final AdminOption option : AdminOption.values())
        {
            final char legality = command.legality(option);
            if (!inv.has(option))
            {
                if (legality == '+')
                {
                    throw fail("You need to supply the '" + option.ipvsadmName() + "' option for the '" +
                        command.ipvsadmName() + "' command");
                }
                continue;
            }
            if (legality == 'x')
            {
                throw fail("Illegal '" + option.ipvsadmName() + "' option with the '" + command.ipvsadmName() +
                    "' command");
            }
            if (legality == '1')
            {
                if (last != null)
                {
                    throw fail("The option '" + option.ipvsadmName() + "' conflicts with the '" +
                        last.ipvsadmName() + "' option in the '" + command.ipvsadmName() + "' command");
                }
                last = option;
            }
        }
    }
}
