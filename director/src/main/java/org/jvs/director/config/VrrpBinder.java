package org.jvs.director.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jvs.core.service.InetAddr;
import org.jvs.director.config.model.Keywords;
import org.jvs.director.config.model.VrrpInstanceConfig;
import org.jvs.director.config.model.VrrpScriptConfig;
import org.jvs.director.config.model.VrrpSyncGroupConfig;

/**
 * Reads {@code vrrp_instance}, {@code vrrp_script} and {@code vrrp_sync_group} in full; the director's VRRP agent
 * acts on them ({@code use_vmac} is parsed and warned about: not acted on).
 */
final class VrrpBinder
{
    private static final int AUTH_PASS_MAX = 8;

    private final BindContext context;
    private final Block<Instance> instance;
    private final Block<Script> script;
    private final Block<SyncGroup> syncGroup;

    VrrpBinder(final BindContext context)
    {
        this.context = context;
        this.instance = new Block<Instance>("vrrp_instance", context)
            .value("state", this::state)
            .value("interface", (n, b) -> b.interfaceName = context.word(n, "interface IFNAME"))
            .value("virtual_router_id", (n, b) -> b.vrid = context.integer(n, 0, "virtual_router_id", 1, 255, 0))
            .value("priority", (n, b) -> b.priority = context.integer(n, 0, "priority", 1, 255, b.priority))
            .value("advert_int", (n, b) -> b.advertIntMs = context.millis(n, 0, "advert_int", 255, b.advertIntMs))
            .value("nopreempt", (n, b) -> b.nopreempt = context.flag(n))
            .value("preempt_delay", (n, b) -> b.preemptDelayS = context.integer(n, 0, "preempt_delay", 0, 1000, 0))
            .block("authentication", this::authentication)
            .block("virtual_ipaddress", this::virtualIpAddress)
            .block("track_script", this::trackScript)
            .block("track_interface", (n, b) -> n.children().forEach(line -> b.trackInterfaces.add(line.keyword())))
            .value("unicast_src_ip", (n, b) -> b.unicastSrcIp = context.address(n, 0, "unicast_src_ip"))
            .block("unicast_peer", this::unicastPeer)
            .value("notify_master", (n, b) -> b.notify[0] = context.command(n))
            .value("notify_backup", (n, b) -> b.notify[1] = context.command(n))
            .value("notify_fault", (n, b) -> b.notify[2] = context.command(n))
            .value("notify", (n, b) -> b.notify[3] = context.command(n))
            .value("garp_master_delay", (n, b) -> b.garp[0] = context.integer(n, 0, "garp_master_delay", 0, 255, 5))
            .value("garp_master_repeat", (n, b) -> b.garp[1] = context.integer(n, 0, "garp_master_repeat", 1, 255, 5))
            .value("garp_master_refresh",
                (n, b) -> b.garp[2] = context.integer(n, 0, "garp_master_refresh", 0, 86400, 0))
            .pendingValue("use_vmac", "the VRRP agent advertises from the interface MAC", this::useVmac)
            .value("version", (n, b) -> b.version = context.integer(n, 0, "version", 2, 3, 2))
            .pendingValue("smtp_alert", "jvs sends no e-mail alerts", (n, b) -> context.flag(n))
            .pendingValue("lvs_sync_daemon_interface",
                "keepalived's old form; use 'lvs_sync_daemon IF INSTANCE' in global_defs", (n, b) -> { })
            .value("mcast_src_ip", (n, b) -> context.address(n, 0, "mcast_src_ip"));
        this.script = scriptBlock(context);
        this.syncGroup = new Block<SyncGroup>("vrrp_sync_group", context)
            .block("group", (n, g) -> n.children().forEach(line -> g.instances.add(line.keyword())))
            .value("notify_master", (n, g) -> g.notify[0] = context.command(n))
            .value("notify_backup", (n, g) -> g.notify[1] = context.command(n))
            .value("notify_fault", (n, g) -> g.notify[2] = context.command(n))
            .value("notify", (n, g) -> g.notify[3] = context.command(n))
            .pendingValue("smtp_alert", "jvs sends no e-mail alerts", (n, g) -> context.flag(n));
    }

    private static Block<Script> scriptBlock(final BindContext context)
    {
        return new Block<Script>("vrrp_script", context)
            .value("script", (n, s) -> s.script = context.command(n))
            .value("interval", (n, s) -> s.intervalS = context.integer(n, 0, "interval", 1, 86400, s.intervalS))
            .value("weight", (n, s) -> s.weight = context.integer(n, 0, "weight", -253, 253, 0))
            .value("rise", (n, s) -> s.rise = context.integer(n, 0, "rise", 1, 65535, 1))
            .value("fall", (n, s) -> s.fall = context.integer(n, 0, "fall", 1, 65535, 1))
            .value("timeout", (n, s) -> s.timeoutS = context.integer(n, 0, "timeout", 0, 86400, 0))
            .value("user", (n, s) -> context.args(n, 1, 2, "user USER [GROUP]"));
    }

    VrrpInstanceConfig bindInstance(final ConfigNode node)
    {
        if (!context.args(node, 1, 1, "vrrp_instance NAME {"))
        {
            return null;
        }
        final Instance b = new Instance();
        final Map<String, Location> keywords = new HashMap<>();
        instance.bind(node.children(), b, keywords);
        if (b.vrid == 0 && !keywords.containsKey("virtual_router_id"))
        {
            context.error(node, "vrrp_instance " + node.arg(0) + " has no virtual_router_id" +
                " (expected 'virtual_router_id 1..255' inside it)");
        }
        return new VrrpInstanceConfig(node.location(), node.arg(0), b.state, b.interfaceName, b.vrid, b.priority,
            b.advertIntMs, b.nopreempt, b.preemptDelayS, b.authentication, b.vips, b.trackScripts, b.trackInterfaces,
            b.unicastSrcIp, b.unicastPeers, new VrrpInstanceConfig.Notify(b.notify[0], b.notify[1], b.notify[2],
            b.notify[3]), new VrrpInstanceConfig.Garp(b.garp[0], b.garp[1], b.garp[2]), b.useVmac, b.vmacName,
            b.version, new Keywords(keywords));
    }

    VrrpScriptConfig bindScript(final ConfigNode node)
    {
        if (!context.args(node, 1, 1, "vrrp_script NAME {"))
        {
            return null;
        }
        final Script s = new Script();
        final Map<String, Location> keywords = new HashMap<>();
        script.bind(node.children(), s, keywords);
        if (s.script == null)
        {
            context.error(node, "vrrp_script " + node.arg(0) + " has no script (expected 'script COMMAND' inside it)");
        }
        return new VrrpScriptConfig(node.location(), node.arg(0), s.script, s.intervalS, s.weight, s.rise, s.fall,
            s.timeoutS, new Keywords(keywords));
    }

    VrrpSyncGroupConfig bindSyncGroup(final ConfigNode node)
    {
        if (!context.args(node, 1, 1, "vrrp_sync_group NAME {"))
        {
            return null;
        }
        final SyncGroup g = new SyncGroup();
        syncGroup.bind(node.children(), g, new HashMap<>());
        return new VrrpSyncGroupConfig(node.location(), node.arg(0), g.instances,
            new VrrpInstanceConfig.Notify(g.notify[0], g.notify[1], g.notify[2], g.notify[3]));
    }

    private void state(final ConfigNode node, final Instance b)
    {
        final String state = context.word(node, "state MASTER|BACKUP");
        if ("MASTER".equals(state) || "BACKUP".equals(state))
        {
            b.state = state;
        }
        else if (state != null)
        {
            context.error(node, "unknown state '" + state + "' (expected MASTER or BACKUP)");
        }
    }

    private void authentication(final ConfigNode node, final Instance b)
    {
        String type = null;
        String pass = null;
        for (final ConfigNode line : node.children())
        {
            if ("auth_type".equals(line.keyword()))
            {
                type = context.word(line, "auth_type PASS|AH");
                if (type != null && !"PASS".equals(type) && !"AH".equals(type))
                {
                    context.error(line, "unknown auth_type '" + type + "' (expected PASS or AH)");
                }
            }
            else if ("auth_pass".equals(line.keyword()))
            {
                pass = context.word(line, "auth_pass SECRET");
                if (pass != null && pass.length() > AUTH_PASS_MAX)
                {
                    context.warning(line, "auth_pass '" + pass + "' is longer than 8 characters:" +
                        " keepalived uses only '" + pass.substring(0, AUTH_PASS_MAX) + "', and so does jvs");
                    pass = pass.substring(0, AUTH_PASS_MAX);
                }
            }
            else
            {
                context.warning(line, "unknown keyword '" + line.keyword() + "' in authentication: ignored");
            }
        }
        b.authentication = new VrrpInstanceConfig.Authentication(type, pass, node.location());
    }

    private void virtualIpAddress(final ConfigNode node, final Instance b)
    {
        for (final ConfigNode line : node.children())
        {
            final String text = line.keyword();
            final int slash = text.indexOf('/');
            final InetAddr address = parseAddress(line, slash < 0 ? text : text.substring(0, slash));
            if (address == null)
            {
                continue;
            }
            final int maxPrefix = address.isIpv6() ? 128 : 32;
            int prefix = maxPrefix;
            if (slash >= 0)
            {
                final String len = text.substring(slash + 1);
                prefix = len.matches("[0-9]{1,3}") ? Integer.parseInt(len) : -1;
                if (prefix < 0 || prefix > maxPrefix)
                {
                    context.error(line, "bad prefix length '" + len + "' in '" + text + "' (expected 0 to " +
                        maxPrefix + ")");
                    continue;
                }
            }
            b.vips.add(new VrrpInstanceConfig.VirtualIpAddress(address, prefix, option(line, "dev"),
                option(line, "label"), line.location()));
        }
    }

    private static String option(final ConfigNode line, final String name)
    {
        for (int i = 0; i + 1 < line.argCount(); i++)
        {
            if (name.equals(line.arg(i)))
            {
                return line.arg(i + 1);
            }
        }
        return null;
    }

    private InetAddr parseAddress(final ConfigNode line, final String text)
    {
        try
        {
            return InetAddr.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            context.error(line, "bad IP address '" + text + "'" +
                " (expected ADDRESS[/PREFIXLEN] [dev IFNAME] [label LABEL])");
            return null;
        }
    }

    private void trackScript(final ConfigNode node, final Instance b)
    {
        for (final ConfigNode line : node.children())
        {
            int weight = Integer.MIN_VALUE;
            if (line.argCount() >= 2 && "weight".equals(line.arg(0)))
            {
                weight = context.integer(line, 1, "track_script weight", -254, 254, Integer.MIN_VALUE);
            }
            b.trackScripts.add(new VrrpInstanceConfig.TrackScript(line.keyword(), weight, line.location()));
        }
    }

    private void unicastPeer(final ConfigNode node, final Instance b)
    {
        for (final ConfigNode line : node.children())
        {
            final InetAddr peer = parseAddress(line, line.keyword());
            if (peer != null)
            {
                b.unicastPeers.add(peer);
            }
        }
    }

    private void useVmac(final ConfigNode node, final Instance b)
    {
        b.useVmac = true;
        b.vmacName = node.argCount() > 0 ? node.arg(0) : null;
    }

    private static final class Instance
    {
        private String state = "BACKUP";
        private String interfaceName;
        private int vrid;
        private int priority = 100;
        private long advertIntMs = 1000;
        private boolean nopreempt;
        private int preemptDelayS;
        private VrrpInstanceConfig.Authentication authentication;
        private final List<VrrpInstanceConfig.VirtualIpAddress> vips = new ArrayList<>();
        private final List<VrrpInstanceConfig.TrackScript> trackScripts = new ArrayList<>();
        private final List<String> trackInterfaces = new ArrayList<>();
        private InetAddr unicastSrcIp;
        private final List<InetAddr> unicastPeers = new ArrayList<>();
        private final String[] notify = new String[4];
        private final int[] garp = {5, 5, 0};
        private boolean useVmac;
        private String vmacName;
        private int version = 2;
    }

    private static final class Script
    {
        private String script;
        private int intervalS = 1;
        private int weight;
        private int rise = 1;
        private int fall = 1;
        private int timeoutS;
    }

    private static final class SyncGroup
    {
        private final List<String> instances = new ArrayList<>();
        private final String[] notify = new String[4];
    }
}
