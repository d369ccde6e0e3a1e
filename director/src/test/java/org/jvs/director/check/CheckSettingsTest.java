package org.jvs.director.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.jvs.director.config.model.KeepalivedConfig;
import org.jvs.director.config.model.RealServerConfig;
import org.jvs.director.config.model.VirtualServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keepalived.conf(5)'s per-checker defaults: retry 3 for DNS_CHECK, else 1; delay_before_retry delay_loop for
 * DNS_CHECK, 3 s for HTTP_GET and SSL_GET, else 1 s; a real server's or virtual server's setting before them.
 */
class CheckSettingsTest
{
    @TempDir
    Path dir;

    @Test
    void defaultsDependOnTheKindOfChecker() throws Exception
    {
        final KeepalivedConfig config = CheckHarness.load(dir, "virtual_server 198.18.0.1 80 {\n  delay_loop 7\n" +
            "  lb_algo rr\n  lb_kind NAT\n  real_server 198.18.0.11 80 {\n    DNS_CHECK {\n    }\n" +
            "    HTTP_GET {\n      url {\n        path /\n      }\n    }\n    SSL_GET {\n      url {\n" +
            "        path /\n      }\n    }\n    TCP_CHECK {\n    }\n  }\n  real_server 198.18.0.12 80 {\n" +
            "    retry 2\n    delay_before_retry 4\n    DNS_CHECK {\n    }\n  }\n}\n");
        final VirtualServerConfig vs = config.virtualServers().get(0);
        final RealServerConfig rs = vs.realServers().get(0);
        final long s = 1_000_000_000L;
        assertEquals(new CheckSettings(7 * s, 5 * s, 3, 7 * s, 7 * s, false), CheckSettings.resolve(vs, rs,
            rs.checkers().get(0)), "DNS_CHECK");
        assertEquals(new CheckSettings(7 * s, 5 * s, 1, 3 * s, 7 * s, false), CheckSettings.resolve(vs, rs,
            rs.checkers().get(1)), "HTTP_GET");
        assertEquals(new CheckSettings(7 * s, 5 * s, 1, 3 * s, 7 * s, false), CheckSettings.resolve(vs, rs,
            rs.checkers().get(2)), "SSL_GET");
        assertEquals(new CheckSettings(7 * s, 5 * s, 1, 1 * s, 7 * s, false), CheckSettings.resolve(vs, rs,
            rs.checkers().get(3)), "TCP_CHECK");
        final RealServerConfig set = vs.realServers().get(1);
        assertEquals(new CheckSettings(7 * s, 5 * s, 2, 4 * s, 7 * s, false), CheckSettings.resolve(vs, set,
            set.checkers().get(0)), "the real server's retry and delay_before_retry");
    }
}
