package org.jvs.director.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.VirtualService;
import org.jvs.director.config.model.CheckerConfig;
import org.jvs.director.config.model.CheckerDefaults;
import org.jvs.director.config.model.Keywords;
import org.jvs.director.config.model.RealServerConfig;
import org.jvs.director.config.model.VirtualServerConfig;

/**
 * Reads {@code virtual_server} blocks and the {@code real_server} blocks inside them.
 */
final class VirtualServerBinder
{
    private static final String CHECKS = "health checks do not use it yet";
    private static final String FAILOVER = "VRRP is not run yet";
    private static final int MAX_PERSISTENCE_S = Integer.MAX_VALUE / 1000;

    private final BindContext context;
    private final CheckerBinder checkers;
    private final Block<Builder> virtualServer;
    private final Block<RealBuilder> realServer;

    VirtualServerBinder(final BindContext context)
    {
        this.context = context;
        this.virtualServer = new Block<Builder>("virtual_server", context)
            .value("delay_loop",
                (n, b) -> b.delayLoopMs = context.millis(n, 0, "delay_loop", 86400, b.delayLoopMs))
            .value("lb_algo", this::lbAlgo)
            .alias("lvs_sched", "lb_algo")
            .value("lb_kind", (n, b) -> b.lbKind = lbKind(n, b.lbKind))
            .alias("lvs_method", "lb_kind")
            .value("persistence_timeout", this::persistenceTimeout)
            .value("persistence_granularity", this::persistenceGranularity)
            .value("protocol", this::protocol)
            .value("sorry_server", this::sorryServer)
            .pendingValue("sorry_server_inhibit", CHECKS, (n, b) -> b.sorryInhibit = context.flag(n))
            .value("quorum", (n, b) -> b.quorum = context.integer(n, 0, "quorum", 1, 65535, 1))
            .value("quorum_up", (n, b) -> b.quorumUp = context.command(n))
            .value("quorum_down", (n, b) -> b.quorumDown = context.command(n))
            .value("hysteresis", (n, b) -> b.hysteresis = context.integer(n, 0, "hysteresis", 0,
                65535, 0))
            .value("inhibit_on_failure", (n, b) -> b.inhibitOnFailure = context.flag(n))
            .value("alpha", (n, b) -> b.alpha = context.flag(n))
            .pendingValue("omega", CHECKS, (n, b) -> b.omega = context.flag(n))
            .pendingValue("ha_suspend", FAILOVER, (n, b) -> b.haSuspend = context.flag(n))
            .value("virtualhost", (n, b) -> b.virtualhost = context.word(n, "virtualhost NAME"))
            .deprecated("nat_mask", "keepalived ignores it too; the persistence netmask is persistence_granularity")
            .block("real_server", this::realServer);
        schedulerFlags();
        checkerDefaults(virtualServer, b -> b.defaults, false);
        this.realServer = realServerBlock(context);
        checkerDefaults(realServer, r -> r.defaults, true);
        this.checkers = new CheckerBinder(context);
    }

    /**
     * keepalived 2.x lets a real_server or virtual_server give checker settings for the checkers inside it.
     */
    private <B> void checkerDefaults(final Block<B> block, final Function<B, long[]> defaults, final boolean loop)
    {
        final long maxS = 86400L * 365;
        block.value("connect_timeout",
                (n, b) -> defaults.apply(b)[0] = context.millis(n, 0, "connect_timeout", maxS, -1))
            .value("retry",
                (n, b) -> defaults.apply(b)[1] = context.integer(n, 0, "retry", 0, Integer.MAX_VALUE, -1))
            .alias("nb_get_retry", "retry")
            .value("delay_before_retry",
                (n, b) -> defaults.apply(b)[2] = context.millis(n, 0, "delay_before_retry", maxS, -1))
            .value("warmup", (n, b) -> defaults.apply(b)[3] = context.millis(n, 0, "warmup", maxS, -1));
        if (loop)
        {
            block.value("delay_loop",
                (n, b) -> defaults.apply(b)[4] = context.millis(n, 0, "delay_loop", maxS, -1));
        }
    }

    private static CheckerDefaults defaults(final long[] values)
    {
        return new CheckerDefaults(values[0], (int)values[1], values[2], values[3], values[4]);
    }

    private void schedulerFlags()
    {
        final Object[][] flags = {
            {"sh-fallback", VirtualService.F_SCHED1}, {"mh-fallback", VirtualService.F_SCHED1},
            {"flag-1", VirtualService.F_SCHED1}, {"sh-port", VirtualService.F_SCHED2},
            {"mh-port", VirtualService.F_SCHED2}, {"flag-2", VirtualService.F_SCHED2},
            {"flag-3", VirtualService.F_SCHED3}, {"ops", VirtualService.F_ONEPACKET},
        };
        for (final Object[] flag : flags)
        {
            final int bit = (Integer)flag[1];
            virtualServer.value((String)flag[0], (n, b) -> b.flags = context.flag(n) ? b.flags | bit : b.flags & ~bit);
        }
    }

    private Block<RealBuilder> realServerBlock(final BindContext context)
    {
        final Block<RealBuilder> block = new Block<RealBuilder>("real_server", context)
            .value("weight", (n, r) -> r.weight = context.integer(n, 0, "weight", 0, 65535, r.weight))
            .value("lb_kind", (n, r) -> r.forwardMethod = lbKind(n, r.forwardMethod))
            .alias("lvs_method", "lb_kind")
            .value("uthreshold", (n, r) -> r.upper = context.integer(n, 0, "uthreshold", 0, Integer.MAX_VALUE, 0))
            .value("lthreshold", (n, r) -> r.lower = context.integer(n, 0, "lthreshold", 0, Integer.MAX_VALUE, 0))
            .value("inhibit_on_failure", (n, r) -> r.inhibitOnFailure = context.flag(n))
            .value("notify_up", (n, r) -> r.notifyUp = context.command(n))
            .value("notify_down", (n, r) -> r.notifyDown = context.command(n))
            .value("alpha", (n, r) -> r.alpha = context.flag(n));
        for (final CheckerConfig.Kind kind : CheckerConfig.Kind.values())
        {
            block.block(kind.name(), (n, r) -> r.checkers.add(checkers.bind(kind, n)));
        }
        return block;
    }

    VirtualServerConfig bind(final ConfigNode node)
    {
        final Builder b = new Builder();
        if (!header(node, b))
        {
            return null;
        }
        final Map<String, Location> keywords = new HashMap<>();
        virtualServer.bind(node.children(), b, keywords);
        final VirtualServerConfig.SorryServer sorry = b.sorryAddress == null ? null :
            new VirtualServerConfig.SorryServer(b.sorryAddress, b.sorryPort, b.sorryInhibit, b.sorryLocation);
        final VirtualServerConfig.Options options = new VirtualServerConfig.Options(b.quorum, b.quorumUp,
            b.quorumDown, b.hysteresis, b.inhibitOnFailure, b.alpha, b.omega, b.haSuspend, b.virtualhost,
            defaults(b.defaults));
        return new VirtualServerConfig(node.location(), b.address, b.port, b.fwmark, b.group, b.delayLoopMs, b.lbAlgo,
            b.lbKind, b.persistenceTimeoutS, b.granularity, b.protocol, b.flags, sorry, options, b.realServers,
            new Keywords(keywords));
    }

    private boolean header(final ConfigNode node, final Builder b)
    {
        final String usage = "virtual_server IP PORT | fwmark N | group NAME {";
        if (node.argCount() < 2)
        {
            context.error(node, "'" + node.text() + "' names no service (expected '" + usage + "')");
            return false;
        }
        if (node.argCount() > 2)
        {
            context.warning(node, "extra values after '" + node.keyword() + " " + node.arg(0) + " " + node.arg(1) +
                "' ignored (expected '" + usage + "')");
        }
        switch (node.arg(0))
        {
            case "fwmark":
                b.fwmark = context.integer(node, 1, "fwmark", 1, 0xFFFFFFFFL, 0);
                return b.fwmark != 0;
            case "group":
                b.group = node.arg(1);
                return true;
            default:
                b.address = context.address(node, 0, "virtual_server");
                b.port = context.integer(node, 1, "virtual_server port", 0, 65535, -1);
                return b.address != null && b.port >= 0;
        }
    }

    private void lbAlgo(final ConfigNode node, final Builder b)
    {
        final String name = context.word(node, "lb_algo SCHEDULER");
        if (name == null)
        {
            return;
        }
        if (!context.schedulers().contains(name))
        {
            context.error(node, "unknown lb_algo '" + name + "' (expected one of " +
                String.join(", ", new TreeSet<>(context.schedulers())) + ")");
            return;
        }
        b.lbAlgo = name;
    }

    private ForwardMethod lbKind(final ConfigNode node, final ForwardMethod fallback)
    {
        final String kind = context.word(node, node.keyword() + " NAT|DR|TUN");
        if (kind == null)
        {
            return fallback;
        }
        final ForwardMethod method = kind.equals(kind.toUpperCase(java.util.Locale.ROOT)) ?
            ForwardMethod.fromLbKind(kind) : null;
        if (method == null)
        {
            context.error(node, "unknown " + node.keyword() + " '" + kind + "' (expected NAT, DR or TUN)");
            return fallback;
        }
        return method;
    }

    private void persistenceTimeout(final ConfigNode node, final Builder b)
    {
        b.persistenceTimeoutS = node.argCount() == 0 ? VirtualService.DEFAULT_PERSISTENCE_TIMEOUT_S :
            context.integer(node, 0, "persistence_timeout", 0, MAX_PERSISTENCE_S, b.persistenceTimeoutS);
    }

    private void persistenceGranularity(final ConfigNode node, final Builder b)
    {
        final String text = context.word(node, "persistence_granularity NETMASK|PREFIXLEN");
        if (text == null)
        {
            return;
        }
        final boolean ipv6 = b.address != null && b.address.isIpv6();
        if (text.matches("[0-9]{1,3}"))
        {
            final int prefix = context.integer(node, 0, "persistence_granularity", 1, ipv6 ? 128 : 32, -1);
            b.granularity = prefix < 0 || ipv6 ? prefix : (int)(0xFFFFFFFF00000000L >>> prefix);
            return;
        }
        final InetAddr mask = ipv6 ? null : context.address(node, 0, "persistence_granularity");
        if (ipv6)
        {
            context.error(node, "bad persistence_granularity '" + text + "' for an IPv6 virtual_server" +
                " (expected a prefix length from 1 to 128)");
        }
        else if (mask != null && mask.isIpv6())
        {
            context.error(node, "bad persistence_granularity '" + text + "' (expected an IPv4 netmask)");
        }
        else if (mask != null)
        {
            b.granularity = mask.ipv4();
        }
    }

    private void protocol(final ConfigNode node, final Builder b)
    {
        final String name = context.word(node, "protocol TCP|UDP|SCTP");
        if (name == null)
        {
            return;
        }
        switch (name)
        {
            case "TCP":
                b.protocol = ServiceKey.TCP;
                break;
            case "UDP":
                b.protocol = ServiceKey.UDP;
                break;
            case "SCTP":
                b.protocol = ServiceKey.SCTP;
                break;
            default:
                context.error(node, "unknown protocol '" + name + "' (expected TCP, UDP or SCTP)");
        }
    }

    private void sorryServer(final ConfigNode node, final Builder b)
    {
        if (context.args(node, 1, 2, "sorry_server IP [PORT]"))
        {
            b.sorryAddress = context.address(node, 0, "sorry_server");
            b.sorryPort = node.argCount() > 1 ? context.integer(node, 1, "sorry_server port", 0, 65535, 0) : b.port;
            b.sorryLocation = node.location();
        }
    }

    private void realServer(final ConfigNode node, final Builder b)
    {
        if (!context.args(node, 1, 2, "real_server IP [PORT] {"))
        {
            return;
        }
        final InetAddr address = context.address(node, 0, "real_server");
        final int port = node.argCount() > 1 ? context.integer(node, 1, "real_server port", 0, 65535, -1) : b.port;
        final RealBuilder r = new RealBuilder();
        final Map<String, Location> keywords = new HashMap<>();
        realServer.bind(node.children(), r, keywords);
        if (address != null && port >= 0)
        {
            b.realServers.add(new RealServerConfig(node.location(), address, port, r.weight, r.forwardMethod,
                r.inhibitOnFailure, r.notifyUp, r.notifyDown, r.upper, r.lower, r.alpha, defaults(r.defaults),
                r.checkers, new Keywords(keywords)));
        }
    }

    private static final class Builder
    {
        private InetAddr address;
        private int port;
        private int fwmark;
        private String group;
        private long delayLoopMs = VirtualServerConfig.DEFAULT_DELAY_LOOP_MS;
        private String lbAlgo = VirtualServerConfig.DEFAULT_LB_ALGO;
        private ForwardMethod lbKind = ForwardMethod.MASQ;
        private int persistenceTimeoutS;
        private int granularity = -1;
        private int protocol = ServiceKey.TCP;
        private int flags;
        private InetAddr sorryAddress;
        private int sorryPort;
        private boolean sorryInhibit;
        private Location sorryLocation;
        private int quorum = 1;
        private String quorumUp;
        private String quorumDown;
        private int hysteresis;
        private boolean inhibitOnFailure;
        private boolean alpha;
        private boolean omega;
        private boolean haSuspend;
        private String virtualhost;
        private final List<RealServerConfig> realServers = new ArrayList<>();
        private final long[] defaults = {-1, -1, -1, -1, -1};
    }

    private static final class RealBuilder
    {
        private int weight = 1;
        private ForwardMethod forwardMethod;
        private int upper;
        private int lower;
        private boolean inhibitOnFailure;
        private String notifyUp;
        private String notifyDown;
        private boolean alpha;
        private final List<CheckerConfig> checkers = new ArrayList<>();
        private final long[] defaults = {-1, -1, -1, -1, -1};
    }
}
