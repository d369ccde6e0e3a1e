package org.jvs.director.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;

import org.jvs.director.config.model.GlobalDefs;
import org.jvs.director.config.model.KeepalivedConfig;
import org.jvs.director.config.model.VirtualServerConfig;
import org.jvs.director.config.model.VirtualServerGroupConfig;
import org.jvs.director.config.model.VrrpInstanceConfig;
import org.jvs.director.config.model.VrrpScriptConfig;
import org.jvs.director.config.model.VrrpSyncGroupConfig;

/**
 * Turns the statement tree into the typed model: the top-level blocks of keepalived.conf, each read by its
 * binder. A {@code real_server} at the top level (a {@code }} too many before it) is an error naming the
 * virtual_server it was probably meant for.
 */
final class ConfigBinder
{
    private final BindContext context;
    private final Block<Builder> top;
    private final GlobalDefsBinder globalDefs;
    private final VirtualServerBinder virtualServers;
    private final GroupBinder groups;
    private final VrrpBinder vrrp;
    private ConfigNode lastVirtualServer;

    ConfigBinder(final BindContext context)
    {
        this.context = context;
        this.globalDefs = new GlobalDefsBinder(context);
        this.virtualServers = new VirtualServerBinder(context);
        this.groups = new GroupBinder(context);
        this.vrrp = new VrrpBinder(context);
        this.top = new Block<Builder>("", context)
            .block("global_defs", (n, b) -> b.globalDefs = globalDefs.bind(n))
            .block("virtual_server", this::virtualServer)
            .block("virtual_server_group", (n, b) -> add(groups.bind(n), b.groups::add))
            .block("vrrp_instance", (n, b) -> add(vrrp.bindInstance(n), b.instances::add))
            .block("vrrp_script", (n, b) -> add(vrrp.bindScript(n), b.scripts::add))
            .block("vrrp_sync_group", (n, b) -> add(vrrp.bindSyncGroup(n), b.syncGroups::add))
            .misplaced(this::strayRealServer);
    }

    private static <T> void add(final T item, final Consumer<T> to)
    {
        if (item != null)
        {
            to.accept(item);
        }
    }

    KeepalivedConfig bind(final List<ConfigNode> statements)
    {
        final Builder b = new Builder();
        lastVirtualServer = null;
        top.bind(statements, b, new HashMap<>());
        return new KeepalivedConfig(b.globalDefs, b.virtualServers, b.groups, b.instances, b.scripts,
            b.syncGroups);
    }

    private void virtualServer(final ConfigNode node, final Builder b)
    {
        lastVirtualServer = node;
        add(virtualServers.bind(node), b.virtualServers::add);
    }

    private boolean strayRealServer(final ConfigNode node)
    {
        if (!"real_server".equals(node.keyword()))
        {
            return false;
        }
        final StringBuilder message = new StringBuilder();
        message.append("'").append(node.text()).append("' is outside any virtual_server, so no service has it")
            .append(" (expected inside a virtual_server block");
        if (lastVirtualServer != null)
        {
            message.append("; '").append(lastVirtualServer.text()).append("' at line ")
                .append(lastVirtualServer.location().line());
            if (lastVirtualServer.closeLocation() != null)
            {
                message.append(" is closed by the '}' at line ").append(lastVirtualServer.closeLocation().line());
            }
            context.strayRealServer(lastVirtualServer.location(), node.location());
        }
        context.error(node, message.append(")").toString());
        return true;
    }

    private static final class Builder
    {
        private GlobalDefs globalDefs = GlobalDefs.DEFAULTS;
        private final List<VirtualServerConfig> virtualServers = new ArrayList<>();
        private final List<VirtualServerGroupConfig> groups = new ArrayList<>();
        private final List<VrrpInstanceConfig> instances = new ArrayList<>();
        private final List<VrrpScriptConfig> scripts = new ArrayList<>();
        private final List<VrrpSyncGroupConfig> syncGroups = new ArrayList<>();
    }
}
