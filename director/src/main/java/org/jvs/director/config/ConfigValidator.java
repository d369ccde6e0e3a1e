package org.jvs.director.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.ServiceKey;
import org.jvs.director.config.model.KeepalivedConfig;
import org.jvs.director.config.model.RealServerConfig;
import org.jvs.director.config.model.VirtualServerConfig;
import org.jvs.director.config.model.VrrpInstanceConfig;
import org.jvs.director.config.model.VrrpSyncGroupConfig;

/**
 * Checks that need the whole configuration: groups that exist, services and real servers defined once,
 * services left empty, names that VRRP blocks refer to.
 */
final class ConfigValidator
{
    private final BindContext context;

    ConfigValidator(final BindContext context)
    {
        this.context = context;
    }

    void validate(final KeepalivedConfig config)
    {
        final Map<ServiceKey, VirtualServerConfig> services = new HashMap<>();
        for (final VirtualServerConfig virtualServer : config.virtualServers())
        {
            if (virtualServer.group() != null && config.group(virtualServer.group()) == null)
            {
                context.diagnostics().error(virtualServer.location(), "virtual_server group " + virtualServer.group() +
                    " names no group (expected a 'virtual_server_group " + virtualServer.group() + " { ... }' block)");
            }
            for (final ServiceKey key : ServiceTableBuilder.keys(virtualServer, config))
            {
                final VirtualServerConfig first = services.putIfAbsent(key, virtualServer);
                if (first != null)
                {
                    context.diagnostics().error(virtualServer.location(), "service " + key.toString().replaceAll(" +",
                        " ") + " is defined twice, first at " + first.location() + " (expected each service once)");
                }
            }
            realServers(virtualServer);
        }
        vrrp(config);
    }

    private void realServers(final VirtualServerConfig virtualServer)
    {
        final Map<String, RealServerConfig> seen = new HashMap<>();
        for (final RealServerConfig realServer : virtualServer.realServers())
        {
            final ForwardMethod method =
                realServer.forwardMethod() != null ? realServer.forwardMethod() : virtualServer.lbKind();
            if (method != ForwardMethod.MASQ && virtualServer.address() != null &&
                realServer.port() != virtualServer.port())
            {
                context.diagnostics().warning(realServer.location(), "real_server " + realServer.name() + " has" +
                    " port " + realServer.port() + " but " + (method == ForwardMethod.ROUTE ? "DR" : "TUN") +
                    " does not change ports: its packets still go to port " + virtualServer.port());
            }
            final RealServerConfig first = seen.putIfAbsent(realServer.name(), realServer);
            if (first != null)
            {
                context.diagnostics().error(realServer.location(), "real_server " + realServer.name() +
                    " is defined twice in virtual_server " + virtualServer.name() + ", first at " + first.location() +
                    " (expected each real server once per virtual_server)");
            }
        }
        if (virtualServer.realServers().isEmpty())
        {
            final StringBuilder message = new StringBuilder("virtual_server ").append(virtualServer.name())
                .append(" has no real_server: the service is empty and drops every connection to it");
            final List<Location> strays = context.strayRealServersAfter(virtualServer.location());
            if (!strays.isEmpty())
            {
                final StringJoiner lines = new StringJoiner(", ");
                strays.forEach(s -> lines.add(String.valueOf(s.line())));
                message.append(" (the real_server blocks at line").append(strays.size() > 1 ? "s " : " ")
                    .append(lines).append(" stand outside it)");
            }
            context.diagnostics().warning(virtualServer.location(), message.toString());
        }
    }

    private void vrrp(final KeepalivedConfig config)
    {
        final Map<String, VrrpInstanceConfig> names = new HashMap<>();
        for (final VrrpInstanceConfig instance : config.vrrpInstances())
        {
            final VrrpInstanceConfig first = names.putIfAbsent(instance.name(), instance);
            if (first != null)
            {
                context.diagnostics().error(instance.location(), "vrrp_instance " + instance.name() +
                    " is defined twice, first at " + first.location() + " (expected each name once)");
            }
            for (final VrrpInstanceConfig.TrackScript track : instance.trackScripts())
            {
                if (config.vrrpScripts().stream().noneMatch(s -> s.name().equals(track.name())))
                {
                    context.diagnostics().warning(track.location(), "track_script " + track.name() +
                        " names no vrrp_script: ignored, as keepalived does");
                }
            }
        }
        for (final VrrpSyncGroupConfig group : config.vrrpSyncGroups())
        {
            for (final String instance : group.instances())
            {
                if (!names.containsKey(instance))
                {
                    context.diagnostics().warning(group.location(), "vrrp_sync_group " + group.name() +
                        " names no vrrp_instance " + instance + ": ignored");
                }
            }
        }
        final var daemon = config.globalDefs().lvsSyncDaemon();
        if (daemon != null && !names.containsKey(daemon.vrrpInstance()))
        {
            context.diagnostics().warning(daemon.location(), "lvs_sync_daemon names no vrrp_instance " +
                daemon.vrrpInstance());
        }
    }
}
