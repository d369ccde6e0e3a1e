package org.jvs.director.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jvs.core.service.InetAddr;
import org.jvs.director.config.model.GlobalDefs;
import org.jvs.director.config.model.Keywords;

/**
 * Reads {@code global_defs}.
 */
final class GlobalDefsBinder
{
    private static final String NO_MAIL = "jvs sends no e-mail alerts";

    private final BindContext context;
    private final Block<Builder> block;

    GlobalDefsBinder(final BindContext context)
    {
        this.context = context;
        this.block = new Block<Builder>("global_defs", context)
            .value("router_id", (n, b) -> b.routerId = context.word(n, "router_id NAME"))
            .alias("lvs_id", "router_id")
            .pendingBlock("notification_email", NO_MAIL, this::notificationEmail)
            .pendingValue("notification_email_from", NO_MAIL,
                (n, b) -> b.from = context.word(n, "notification_email_from ADDRESS"))
            .pendingValue("smtp_server", NO_MAIL, this::smtpServer)
            .pendingValue("smtp_helo_name", NO_MAIL, (n, b) -> b.heloName = context.word(n, "smtp_helo_name NAME"))
            .pendingValue("smtp_connect_timeout", NO_MAIL,
                (n, b) -> b.smtpTimeoutS = context.integer(n, 0, "smtp_connect_timeout", 1, 86400, b.smtpTimeoutS))
            .value("lvs_sync_daemon", this::lvsSyncDaemon);
    }

    GlobalDefs bind(final ConfigNode node)
    {
        final Builder b = new Builder();
        final Map<String, Location> keywords = new HashMap<>();
        if (node.argCount() > 0)
        {
            context.warning(node, "values after 'global_defs' ignored (expected 'global_defs {')");
        }
        block.bind(node.children(), b, keywords);
        return new GlobalDefs(node.location(), b.routerId, b.emails, b.from, b.smtpServer, b.smtpPort, b.heloName,
            b.smtpTimeoutS, b.syncDaemon, new Keywords(keywords));
    }

    private void notificationEmail(final ConfigNode node, final Builder b)
    {
        for (final ConfigNode line : node.children())
        {
            b.emails.add(line.keyword());
            for (final ConfigToken more : line.args())
            {
                b.emails.add(more.text());
            }
        }
    }

    private void smtpServer(final ConfigNode node, final Builder b)
    {
        if (context.args(node, 1, 2, "smtp_server HOST [PORT]"))
        {
            b.smtpServer = node.arg(0);
            if (node.argCount() > 1)
            {
                b.smtpPort = context.integer(node, 1, "smtp_server port", 1, 65535, b.smtpPort);
            }
        }
    }

    private void lvsSyncDaemon(final ConfigNode node, final Builder b)
    {
        final String usage =
            "lvs_sync_daemon INTERFACE VRRP_INSTANCE [id SYNCID] [maxlen N] [port N] [ttl N] [group IP]";
        if (!context.args(node, 2, Integer.MAX_VALUE, usage))
        {
            return;
        }
        // id, maxlen (keepalived: 1..65507), port, ttl, group (an IPv4 multicast group: jvs syncs over IPv4)
        final int[] values = {255, 0, 0, 0, 0};
        for (int i = 2; i < node.argCount(); i++)
        {
            final int option = List.of("id", "maxlen", "port", "ttl", "group").indexOf(node.arg(i));
            if (option == 4)
            {
                values[4] = syncGroup(node, i + 1);
                i++;
            }
            else if (option >= 0)
            {
                final long[] min = {0, 80, 1, 1};
                final long[] max = {255, 65507, 65535, 255};
                values[option] = context.integer(node, i + 1, "lvs_sync_daemon " + node.arg(i), min[option],
                    max[option], values[option]);
                i++;
            }
            else
            {
                context.error(node, "unknown lvs_sync_daemon option '" + node.arg(i) +
                    "' (expected id, maxlen, port, ttl or group)");
                break;
            }
        }
        b.syncDaemon = new GlobalDefs.LvsSyncDaemon(node.arg(0), node.arg(1), values[0], values[1], values[4],
            values[2], values[3], node.location());
    }

    private int syncGroup(final ConfigNode node, final int index)
    {
        final InetAddr group = context.address(node, index, "lvs_sync_daemon group");
        if (null == group)
        {
            return 0;
        }
        if (group.isIpv6() || (group.ipv4() >>> 28) != 0xE)
        {
            context.error(node, "lvs_sync_daemon group " + group + " is not an IPv4 multicast address " +
                "(jvs syncs over IPv4: 224.0.0.0/4)");
            return 0;
        }
        return group.ipv4();
    }

    private static final class Builder
    {
        private String routerId;
        private final List<String> emails = new ArrayList<>();
        private String from;
        private String smtpServer;
        private int smtpPort = 25;
        private String heloName;
        private int smtpTimeoutS = GlobalDefs.DEFAULT_SMTP_CONNECT_TIMEOUT_S;
        private GlobalDefs.LvsSyncDaemon syncDaemon;
    }
}
