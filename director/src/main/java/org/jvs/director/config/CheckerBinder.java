package org.jvs.director.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jvs.core.service.InetAddr;
import org.jvs.director.config.model.CheckerConfig;
import org.jvs.director.config.model.Keywords;

/**
 * Reads the checker blocks of a {@code real_server}: {@code TCP_CHECK}, {@code HTTP_GET}, {@code SSL_GET},
 * {@code MISC_CHECK}, {@code DNS_CHECK}, {@code SMTP_CHECK}, {@code UDP_CHECK}, {@code PING_CHECK}.
 */
final class CheckerBinder
{
    private static final long MAX_TIMER_S = 86400L * 365;

    private final BindContext context;
    private final Map<CheckerConfig.Kind, Block<Builder>> blocks = new EnumMap<>(CheckerConfig.Kind.class);
    private final Block<UrlBuilder> url;

    CheckerBinder(final BindContext context)
    {
        this.context = context;
        for (final CheckerConfig.Kind kind : CheckerConfig.Kind.values())
        {
            blocks.put(kind, common(new Block<>(kind.name(), context)));
        }
        blocks.get(CheckerConfig.Kind.HTTP_GET).block("url", this::url)
            .value("virtualhost", (n, b) -> b.virtualhost = context.word(n, "virtualhost NAME"));
        blocks.get(CheckerConfig.Kind.SSL_GET).block("url", this::url)
            .value("virtualhost", (n, b) -> b.virtualhost = context.word(n, "virtualhost NAME"));
        blocks.get(CheckerConfig.Kind.MISC_CHECK)
            .value("misc_path", (n, b) -> b.miscPath = context.command(n))
            .value("misc_timeout", (n, b) -> b.miscTimeoutMs = context.millis(n, 0, "misc_timeout", MAX_TIMER_S, -1))
            .value("misc_dynamic", (n, b) -> b.miscDynamic = context.flag(n))
            .value("user", (n, b) -> b.user = context.args(n, 1, 2, "user USER [GROUP]") ? n.arg(0) : null);
        blocks.get(CheckerConfig.Kind.DNS_CHECK)
            .value("type", (n, b) -> b.dnsType = dnsType(n, b.dnsType))
            .value("name", (n, b) -> b.dnsName = context.word(n, "name DOMAIN"));
        blocks.get(CheckerConfig.Kind.SMTP_CHECK)
            .value("helo_name", (n, b) -> b.heloName = context.word(n, "helo_name NAME"));
        blocks.get(CheckerConfig.Kind.UDP_CHECK)
            .value("payload", (n, b) -> b.payload = context.command(n))
            .value("require_reply", (n, b) ->
            {
                b.requireReply = true;
                b.replyPattern = n.argCount() == 0 ? null : n.joinedArgs();
            })
            .value("min_reply_length", (n, b) -> b.minReplyLength =
                context.integer(n, 0, "min_reply_length", 0, 65535, b.minReplyLength))
            .value("max_reply_length", (n, b) -> b.maxReplyLength =
                context.integer(n, 0, "max_reply_length", 0, 65535, b.maxReplyLength));
        this.url = new Block<UrlBuilder>("url", context)
            .value("path", (n, u) -> u.path = context.word(n, "path /PATH"))
            .value("digest", this::digest)
            .value("status_code", this::statusCode)
            .value("virtualhost", (n, u) -> u.virtualhost = context.word(n, "virtualhost NAME"));
    }

    private Block<Builder> common(final Block<Builder> block)
    {
        return block
            .value("connect_ip", (n, b) -> b.connectIp = context.address(n, 0, "connect_ip"))
            .value("connect_port", (n, b) -> b.connectPort = context.integer(n, 0, "connect_port", 0, 65535, -1))
            .value("bindto", (n, b) -> b.bindTo = context.address(n, 0, "bindto"))
            .value("bind_port", (n, b) -> b.bindPort = context.integer(n, 0, "bind_port", 0, 65535, -1))
            .value("connect_timeout", (n, b) -> b.connectTimeoutMs =
                context.millis(n, 0, "connect_timeout", MAX_TIMER_S, b.connectTimeoutMs))
            .value("retry", (n, b) -> b.retry = context.integer(n, 0, "retry", 0, Integer.MAX_VALUE, b.retry))
            .alias("nb_get_retry", "retry")
            .value("delay_before_retry", (n, b) -> b.delayBeforeRetryMs =
                context.millis(n, 0, "delay_before_retry", MAX_TIMER_S, b.delayBeforeRetryMs))
            .value("warmup", (n, b) -> b.warmupMs = context.millis(n, 0, "warmup", MAX_TIMER_S, -1))
            .value("delay_loop", (n, b) -> b.delayLoopMs = context.millis(n, 0, "delay_loop", MAX_TIMER_S, -1))
            .value("alpha", (n, b) -> b.alpha = context.flag(n));
    }

    /**
     * @param keyword a keyword.
     * @return the checker kind it opens, or null.
     */
    static CheckerConfig.Kind kindOf(final String keyword)
    {
        for (final CheckerConfig.Kind kind : CheckerConfig.Kind.values())
        {
            if (kind.name().equals(keyword))
            {
                return kind;
            }
        }
        return null;
    }

    CheckerConfig bind(final CheckerConfig.Kind kind, final ConfigNode node)
    {
        final Builder b = new Builder();
        final Map<String, Location> keywords = new HashMap<>();
        blocks.get(kind).bind(node.children(), b, keywords);
        final CheckerConfig.Common common = new CheckerConfig.Common(b.connectIp, b.connectPort, b.bindTo,
            b.bindPort, b.connectTimeoutMs, b.retry, b.delayBeforeRetryMs, b.warmupMs, b.delayLoopMs, b.alpha,
            new Keywords(keywords));
        final Location at = node.location();
        switch (kind)
        {
            case TCP_CHECK:
                return new CheckerConfig.Tcp(at, common);
            case HTTP_GET:
            case SSL_GET:
                if (b.urls.isEmpty())
                {
                    context.error(node, kind + " has no url block (expected 'url { path /PATH ... }' inside it)");
                }
                return new CheckerConfig.Http(at, common, kind == CheckerConfig.Kind.SSL_GET, b.urls, b.virtualhost);
            case MISC_CHECK:
                if (b.miscPath == null)
                {
                    context.error(node, "MISC_CHECK has no misc_path (expected 'misc_path COMMAND' inside it)");
                }
                return new CheckerConfig.Misc(at, common, b.miscPath, b.miscTimeoutMs, b.miscDynamic, b.user);
            case DNS_CHECK:
                return new CheckerConfig.Dns(at, common, b.dnsType, b.dnsName);
            case SMTP_CHECK:
                return new CheckerConfig.Smtp(at, common, b.heloName);
            case UDP_CHECK:
                return new CheckerConfig.Udp(at, common, b.payload, b.requireReply, b.replyPattern, b.minReplyLength,
                    b.maxReplyLength);
            case PING_CHECK:
                return new CheckerConfig.Ping(at, common);
            default:
                throw new IllegalStateException("unknown checker kind " + kind);
        }
    }

    private String dnsType(final ConfigNode node, final String fallback)
    {
        final String type = context.word(node, "type A|NS|CNAME|SOA|MX|TXT|AAAA");
        if (type == null)
        {
            return fallback;
        }
        final String upper = type.toUpperCase(Locale.ROOT);
        if (!List.of("A", "NS", "CNAME", "SOA", "MX", "TXT", "AAAA").contains(upper))
        {
            context.error(node, "unknown DNS_CHECK type '" + type + "' (expected A, NS, CNAME, SOA, MX, TXT or AAAA)");
            return fallback;
        }
        return upper;
    }

    private void url(final ConfigNode node, final Builder b)
    {
        final UrlBuilder u = new UrlBuilder();
        final Map<String, Location> keywords = new HashMap<>();
        url.bind(node.children(), u, keywords);
        if (u.path == null)
        {
            context.error(node, "url has no path (expected 'path /PATH' inside it)");
        }
        b.urls.add(new CheckerConfig.Url(node.location(), u.path, u.digest, u.statusCodes, u.virtualhost,
            new Keywords(keywords)));
    }

    private void digest(final ConfigNode node, final UrlBuilder u)
    {
        final String digest = context.word(node, "digest MD5");
        if (digest != null && !digest.matches("[0-9a-fA-F]{32}"))
        {
            context.error(node, "bad digest '" + digest + "'" +
                " (expected 32 hexadecimal digits, an MD5 as genhash prints)");
            return;
        }
        u.digest = digest == null ? null : digest.toLowerCase(Locale.ROOT);
    }

    private void statusCode(final ConfigNode node, final UrlBuilder u)
    {
        if (!context.args(node, 1, Integer.MAX_VALUE, "status_code CODE|FROM-TO ..."))
        {
            return;
        }
        for (final ConfigToken token : node.args())
        {
            final String text = token.text();
            if (!text.matches("[0-9]{3}(-[0-9]{3})?"))
            {
                context.error(node, "bad status_code '" + text + "' (expected an HTTP status such as 200, or a range" +
                    " such as 200-299)");
                continue;
            }
            final int from = Integer.parseInt(text.substring(0, 3));
            final int to = text.length() > 3 ? Integer.parseInt(text.substring(4)) : from;
            if (from < 100 || to > 599 || from > to)
            {
                context.error(node, "bad status_code '" + text + "' (expected codes from 100 to 599, lowest first)");
                continue;
            }
            u.statusCodes.add(new CheckerConfig.StatusRange(from, to));
        }
    }

    private static final class Builder
    {
        private InetAddr connectIp;
        private int connectPort = -1;
        private InetAddr bindTo;
        private int bindPort = -1;
        private long connectTimeoutMs = CheckerConfig.Common.DEFAULT_CONNECT_TIMEOUT_MS;
        private int retry = CheckerConfig.Common.DEFAULT_RETRY;
        private long delayBeforeRetryMs = CheckerConfig.Common.DEFAULT_DELAY_BEFORE_RETRY_MS;
        private long warmupMs = -1;
        private long delayLoopMs = -1;
        private boolean alpha;
        private final List<CheckerConfig.Url> urls = new ArrayList<>();
        private String virtualhost;
        private String miscPath;
        private long miscTimeoutMs = -1;
        private boolean miscDynamic;
        private String user;
        private String dnsType = "SOA";
        private String dnsName = ".";
        private String heloName;
        private String payload;
        private boolean requireReply;
        private String replyPattern;
        private int minReplyLength;
        private int maxReplyLength = CheckerConfig.Udp.DEFAULT_MAX_REPLY_LENGTH;
    }

    private static final class UrlBuilder
    {
        private String path;
        private String digest;
        private final List<CheckerConfig.StatusRange> statusCodes = new ArrayList<>();
        private String virtualhost;
    }
}
