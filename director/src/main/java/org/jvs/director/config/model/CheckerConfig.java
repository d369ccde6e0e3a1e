package org.jvs.director.config.model;

import java.util.List;

import org.jvs.core.service.InetAddr;
import org.jvs.director.config.Location;

/**
 * A health checker block of a {@code real_server}: {@code TCP_CHECK}, {@code HTTP_GET}, {@code SSL_GET},
 * {@code MISC_CHECK}, {@code DNS_CHECK}, {@code SMTP_CHECK}, {@code UDP_CHECK} or {@code PING_CHECK}, as read;
 * {@code org.jvs.director.check} runs them.
 */
public sealed interface CheckerConfig
    permits CheckerConfig.Tcp, CheckerConfig.Http, CheckerConfig.Misc, CheckerConfig.Dns, CheckerConfig.Smtp,
    CheckerConfig.Udp, CheckerConfig.Ping
{
    /**
     * @return which checker.
     */
    Kind kind();

    /**
     * @return where its block starts.
     */
    Location location();

    /**
     * @return the settings every checker has.
     */
    Common common();

    /**
     * The checker kinds with their keepalived block keywords.
     */
    enum Kind
    {
        /** {@code TCP_CHECK}. */
        TCP_CHECK,
        /** {@code HTTP_GET}. */
        HTTP_GET,
        /** {@code SSL_GET}. */
        SSL_GET,
        /** {@code MISC_CHECK}. */
        MISC_CHECK,
        /** {@code DNS_CHECK}. */
        DNS_CHECK,
        /** {@code SMTP_CHECK}. */
        SMTP_CHECK,
        /** {@code UDP_CHECK}. */
        UDP_CHECK,
        /** {@code PING_CHECK}. */
        PING_CHECK
    }

    /**
     * Settings shared by every checker ({@code checker_parser.c}'s connection options and retry options).
     *
     * @param connectIp          {@code connect_ip}, null for the real server's address.
     * @param connectPort        {@code connect_port}, -1 for the real server's port.
     * @param bindTo             {@code bindto}, null for none.
     * @param bindPort           {@code bind_port}, -1 for none.
     * @param connectTimeoutMs   {@code connect_timeout}, 5 s by default.
     * @param retry              {@code retry} (old name {@code nb_get_retry}), 1 by default.
     * @param delayBeforeRetryMs {@code delay_before_retry}, 1 s by default.
     * @param warmupMs           {@code warmup}, -1 when not set.
     * @param delayLoopMs        {@code delay_loop} of this checker, -1 for the virtual server's.
     * @param alpha              {@code alpha}: the real server starts down until this checker succeeds.
     * @param keywords           where each keyword was set.
     */
    record Common(
        InetAddr connectIp,
        int connectPort,
        InetAddr bindTo,
        int bindPort,
        long connectTimeoutMs,
        int retry,
        long delayBeforeRetryMs,
        long warmupMs,
        long delayLoopMs,
        boolean alpha,
        Keywords keywords)
    {
        /** keepalived's default connect timeout. */
        public static final long DEFAULT_CONNECT_TIMEOUT_MS = 5000;
        /** keepalived's default number of retries. */
        public static final int DEFAULT_RETRY = 1;
        /** keepalived's default delay before a retry. */
        public static final long DEFAULT_DELAY_BEFORE_RETRY_MS = 1000;
    }

    /**
     * {@code TCP_CHECK}: a connect that succeeds means up.
     *
     * @param location where the block starts.
     * @param common   shared settings.
     */
    record Tcp(Location location, Common common) implements CheckerConfig
    {
        @Override
        public Kind kind()
        {
            return Kind.TCP_CHECK;
        }
    }

    /**
     * {@code HTTP_GET} or {@code SSL_GET}: fetch each url and compare status and digest.
     *
     * @param location    where the block starts.
     * @param common      shared settings.
     * @param ssl         true for SSL_GET.
     * @param urls        the {@code url} blocks.
     * @param virtualhost {@code virtualhost} (Host header), null for the virtual server's.
     */
    record Http(Location location, Common common, boolean ssl, List<Url> urls, String virtualhost)
        implements CheckerConfig
    {
        /**
         * Copies the list.
         */
        public Http
        {
            urls = List.copyOf(urls);
        }

        @Override
        public Kind kind()
        {
            return ssl ? Kind.SSL_GET : Kind.HTTP_GET;
        }
    }

    /**
     * A {@code url} block of HTTP_GET/SSL_GET.
     *
     * @param location    where it starts.
     * @param path        {@code path}.
     * @param digest      {@code digest}: MD5 of the body as 32 hex digits (lower case), null for none.
     * @param statusCodes {@code status_code} values and ranges; empty means 200-299 (keepalived's default).
     * @param virtualhost {@code virtualhost} for this url, null for the checker's.
     * @param keywords    where each keyword was set.
     */
    record Url(Location location, String path, String digest, List<StatusRange> statusCodes, String virtualhost,
        Keywords keywords)
    {
        /**
         * Copies the list.
         */
        public Url
        {
            statusCodes = List.copyOf(statusCodes);
        }

        /**
         * @param status an HTTP status code.
         * @return true when the url accepts it.
         */
        public boolean accepts(final int status)
        {
            if (statusCodes.isEmpty())
            {
                return status >= 200 && status <= 299;
            }
            for (final StatusRange range : statusCodes)
            {
                if (status >= range.from() && status <= range.to())
                {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * An HTTP status code, or an inclusive range of them ({@code 200-299}).
     *
     * @param from lowest.
     * @param to   highest.
     */
    record StatusRange(int from, int to)
    {
    }

    /**
     * {@code MISC_CHECK}: run a script; exit 0 means up.
     *
     * @param location      where the block starts.
     * @param common        shared settings.
     * @param miscPath      {@code misc_path}: the command line.
     * @param miscTimeoutMs {@code misc_timeout}, -1 for the delay loop.
     * @param miscDynamic   {@code misc_dynamic}: exit codes 2..255 set weight = code - 2.
     * @param user          {@code user} to run as, null for the default.
     */
    record Misc(Location location, Common common, String miscPath, long miscTimeoutMs, boolean miscDynamic,
        String user) implements CheckerConfig
    {
        @Override
        public Kind kind()
        {
            return Kind.MISC_CHECK;
        }
    }

    /**
     * {@code DNS_CHECK}: ask a query, any answer means up.
     *
     * @param location where the block starts.
     * @param common   shared settings.
     * @param type     {@code type}, SOA by default.
     * @param name     {@code name}, {@code .} by default.
     */
    record Dns(Location location, Common common, String type, String name) implements CheckerConfig
    {
        @Override
        public Kind kind()
        {
            return Kind.DNS_CHECK;
        }
    }

    /**
     * {@code SMTP_CHECK}: greet with HELO, a 250 reply means up.
     *
     * @param location where the block starts.
     * @param common   shared settings.
     * @param heloName {@code helo_name}, null for the default.
     */
    record Smtp(Location location, Common common, String heloName) implements CheckerConfig
    {
        @Override
        public Kind kind()
        {
            return Kind.SMTP_CHECK;
        }
    }

    /**
     * {@code UDP_CHECK}: send a datagram; no ICMP error (or a reply, when required) means up.
     *
     * @param location       where the block starts.
     * @param common         shared settings.
     * @param payload        {@code payload} HEX_STR as written (its words joined by spaces), null for none.
     * @param requireReply   {@code require_reply}.
     * @param replyPattern   {@code require_reply}'s HEX_STR as written (X/x: any nibble), null for none.
     * @param minReplyLength {@code min_reply_length}, 0 by default.
     * @param maxReplyLength {@code max_reply_length}, 255 by default.
     */
    record Udp(Location location, Common common, String payload, boolean requireReply, String replyPattern,
        int minReplyLength, int maxReplyLength) implements CheckerConfig
    {
        /** keepalived's default max_reply_length. */
        public static final int DEFAULT_MAX_REPLY_LENGTH = 255;

        @Override
        public Kind kind()
        {
            return Kind.UDP_CHECK;
        }
    }

    /**
     * {@code PING_CHECK}: an ICMP echo reply means up.
     *
     * @param location where the block starts.
     * @param common   shared settings.
     */
    record Ping(Location location, Common common) implements CheckerConfig
    {
        @Override
        public Kind kind()
        {
            return Kind.PING_CHECK;
        }
    }
}
