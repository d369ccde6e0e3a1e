package org.jvs.director.check;

import static org.jvs.director.check.CheckHarness.await;
import static org.jvs.director.check.CheckHarness.http;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health checker against real loopback listeners, with the real RuleSet: each failure detected with its
 * reason, within the bound keepalived's counting gives, and its effect on the published table.
 */
class HealthCheckerTest
{
    /** Slack for the agent's 1 ms sleep, thread scheduling on a busy 2-core machine and the poll. */
    private static final long SLACK_MS = 700;
    private static final String TIMING = "    connect_timeout 1\n    retry 1\n    delay_before_retry 1\n";

    @TempDir
    Path dir;

    private CheckHarness harness;

    @BeforeEach
    void setUp()
    {
        harness = new CheckHarness(dir);
    }

    @AfterEach
    void tearDown()
    {
        harness.close();
    }

    private static String vs(final String options, final String realServers)
    {
        return "virtual_server 198.18.0.1 80 {\n  delay_loop 1\n  lb_algo rr\n  lb_kind NAT\n" + options +
            realServers + "}\n";
    }

    private static String tcpServer(final int port, final int weight, final String extra)
    {
        return "  real_server 127.0.0.1 " + port + " {\n    weight " + weight + "\n" + extra +
            "    TCP_CHECK {\n" + TIMING + "    }\n  }\n";
    }

    private static String httpServer(final int port, final String url)
    {
        return "  real_server 127.0.0.1 " + port + " {\n    weight 1\n    HTTP_GET {\n      url {\n" + url +
            "      }\n" + TIMING + "    }\n  }\n";
    }

    @Test
    void refusedServerIsRemovedWithinTheBoundAndComesBackWithinOneDelayLoop() throws Exception
    {
        final int port = CheckHarness.freePort();
        final int other = CheckHarness.freePort();
        final Path downMark = dir.resolve("down");
        HttpServer server = http(port, 200, () -> "ok");
        final HttpServer otherServer = http(other, 200, () -> "ok");
        try
        {
            harness.start(vs("", tcpServer(port, 2, "    notify_down \"/bin/touch " + downMark + "\"\n") +
                tcpServer(other, 1, "")));
            await(() -> harness.rules.table() != null && harness.weight(port) == 2, 3000, () -> "server listed");
            // delay_loop + retry x (connect_timeout + delay_before_retry), as keepalived counts it
            final long boundMs = 1000 + 1 * (1000 + 1000);
            server.stop(0);
            final long stoppedNs = System.nanoTime();
            await(() -> harness.weight(port) == -1, boundMs + SLACK_MS, () -> "removal, log " + harness.log);
            final long removalMs = (System.nanoTime() - stoppedNs) / 1_000_000;
            assertTrue(removalMs <= boundMs + SLACK_MS, "removed after " + removalMs + " ms");
            assertEquals(1, harness.weight(other), "the other real server stays");
            assertTrue(harness.logged("TCP_CHECK 127.0.0.1:" + port + " of real server 127.0.0.1 " + port +
                " of virtual server 198.18.0.1 80 down: connection refused; real server removed"),
                harness.log::toString);
            await(() -> Files.exists(downMark), 3000, () -> "notify_down ran");

            server = http(port, 200, () -> "ok");
            final long startedNs = System.nanoTime();
            await(() -> harness.weight(port) == 2, 1000 + SLACK_MS, () -> "return, log " + harness.log);
            final long backMs = (System.nanoTime() - startedNs) / 1_000_000;
            assertTrue(backMs <= 1000 + SLACK_MS, "back after " + backMs + " ms");
            assertTrue(harness.logged("real server back with weight 2"), harness.log::toString);
        }
        finally
        {
            server.stop(0);
            otherServer.stop(0);
        }
    }

    @Test
    void httpGetDetectsStatusHangAndDigestEachWithItsReason() throws Exception
    {
        final int good = CheckHarness.freePort();
        final int error = CheckHarness.freePort();
        final int changing = CheckHarness.freePort();
        final AtomicReference<String> page = new AtomicReference<>("version 1");
        final String digest = md5Hex("version 1");
        final HttpServer goodServer = http(good, 200, () -> "fine");
        final HttpServer errorServer = http(error, 500, () -> "broken");
        final HttpServer changingServer = http(changing, 200, page::get);
        try (ServerSocket hang = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")))
        {
            final int hung = hang.getLocalPort();
            harness.start(vs("",
                httpServer(good, "        path /\n        status_code 200-299\n") +
                httpServer(error, "        path /\n        status_code 200\n") +
                httpServer(hung, "        path /\n") +
                httpServer(changing, "        path /\n        digest " + digest + "\n")));
            // the hung server: one connect_timeout per attempt, retry + 1 attempts, after up to one delay_loop
            final long boundMs = 1000 + 2 * 1000 + 1000;
            await(() -> harness.weight(error) == -1 && harness.weight(hung) == -1, boundMs + SLACK_MS,
                () -> "500 and hung removed, log " + harness.log);
            assertTrue(harness.logged("HTTP_GET 127.0.0.1:" + error + " of real server 127.0.0.1 " + error +
                " of virtual server 198.18.0.1 80 down: HTTP status 500"), harness.log::toString);
            assertTrue(harness.logged("127.0.0.1 " + hung + " of virtual server 198.18.0.1 80 down: read timeout"),
                harness.log::toString);
            assertEquals(1, harness.weight(good));
            assertEquals(1, harness.weight(changing), "the page still matches its digest");

            page.set("version 2");
            await(() -> harness.weight(changing) == -1, boundMs + SLACK_MS, () -> "digest change, " + harness.log);
            assertTrue(harness.logged("down: digest mismatch (got " + md5Hex("version 2") + ")"),
                harness.log::toString);
            assertEquals(1, harness.weight(good), "the good server was never touched");
        }
        finally
        {
            goodServer.stop(0);
            errorServer.stop(0);
            changingServer.stop(0);
        }
    }

    @Test
    void inhibitOnFailureSetsWeightZeroAndRestoresTheConfiguredWeight() throws Exception
    {
        final int port = CheckHarness.freePort();
        HttpServer server = http(port, 200, () -> "ok");
        try
        {
            harness.start(vs("", tcpServer(port, 3, "    inhibit_on_failure\n")));
            await(() -> harness.weight(port) == 3, 3000, () -> "listed");
            server.stop(0);
            await(() -> harness.weight(port) == 0, 3000 + SLACK_MS, () -> "weight 0, log " + harness.log);
            assertTrue(harness.logged("real server set to weight 0 (inhibit_on_failure)"), harness.log::toString);
            server = http(port, 200, () -> "ok");
            await(() -> harness.weight(port) == 3, 1000 + SLACK_MS, () -> "weight 3 again, log " + harness.log);
        }
        finally
        {
            server.stop(0);
        }
    }

    @Test
    void sorryServerTakesOverWhenNoRealServerIsUpAndLeavesWhenOneIsBack() throws Exception
    {
        final int port = CheckHarness.freePort();
        final Path quorumDown = dir.resolve("quorum-down");
        HttpServer server = http(port, 200, () -> "ok");
        try
        {
            harness.start(vs("  sorry_server 198.18.0.99 8080\n  quorum_down \"/bin/touch " + quorumDown + "\"\n",
                tcpServer(port, 1, "")));
            await(() -> harness.weight(port) == 1, 3000, () -> "listed");
            assertEquals(-1, harness.weight("198.18.0.99", 8080), "no sorry server while a real server is up");
            server.stop(0);
            await(() -> harness.weight("198.18.0.99", 8080) == 1, 3000 + SLACK_MS, () -> "sorry, " + harness.log);
            assertEquals(-1, harness.weight(port));
            assertEquals(1, harness.rules.table().services().get(0).servers().size(), "only the sorry server");
            assertTrue(harness.logged("quorum lost"), harness.log::toString);
            await(() -> Files.exists(quorumDown), 3000, () -> "quorum_down ran");
            server = http(port, 200, () -> "ok");
            await(() -> harness.weight(port) == 1 && harness.weight("198.18.0.99", 8080) == -1, 1000 + SLACK_MS,
                () -> "sorry server withdrawn, log " + harness.log);
        }
        finally
        {
            server.stop(0);
        }
    }

    @Test
    void quorumWithHysteresisDecidesWhenTheSorryServerTakesOverAndLeaves() throws Exception
    {
        final int a = CheckHarness.freePort();
        final int b = CheckHarness.freePort();
        final Path up = dir.resolve("quorum-up");
        final Path down = dir.resolve("quorum-down");
        HttpServer serverA = http(a, 200, () -> "ok");
        HttpServer serverB = http(b, 200, () -> "ok");
        try
        {
            // lost below quorum - hysteresis = 2, regained at quorum + hysteresis = 4
            harness.start(vs("  quorum 3\n  hysteresis 1\n  sorry_server 198.18.0.99 8080\n" +
                "  quorum_up \"/bin/touch " + up + "\"\n  quorum_down \"/bin/touch " + down + "\"\n",
                tcpServer(a, 2, "") + tcpServer(b, 2, "")));
            await(() -> harness.weight(a) == 2 && harness.weight(b) == 2, 3000, () -> "both listed");
            serverA.stop(0);
            await(() -> harness.weight(a) == -1, 3000 + SLACK_MS, () -> "a removed, log " + harness.log);
            assertEquals(2, harness.weight(b), "live weight 2 is not below 3 - 1: the quorum holds");
            assertEquals(-1, harness.weight("198.18.0.99", 8080));
            serverB.stop(0);
            await(() -> harness.weight("198.18.0.99", 8080) == 1, 3000 + SLACK_MS, () -> "sorry, " + harness.log);
            await(() -> Files.exists(down), 3000, () -> "quorum_down ran");
            serverA = http(a, 200, () -> "ok");
            await(() -> harness.logged("TCP_CHECK 127.0.0.1:" + a + " of real server 127.0.0.1 " + a +
                " of virtual server 198.18.0.1 80 up"), 1000 + SLACK_MS, () -> "a up again, log " + harness.log);
            assertEquals(-1, harness.weight(a), "live weight 2 < 3 + 1: the sorry server keeps the traffic");
            assertEquals(1, harness.weight("198.18.0.99", 8080));
            serverB = http(b, 200, () -> "ok");
            await(() -> harness.weight(a) == 2 && harness.weight(b) == 2 && harness.weight("198.18.0.99", 8080) == -1,
                1000 + SLACK_MS, () -> "quorum regained, log " + harness.log);
            await(() -> Files.exists(up), 3000, () -> "quorum_up ran");
        }
        finally
        {
            serverA.stop(0);
            serverB.stop(0);
        }
    }

    @Test
    void miscCheckRunsTheScriptAndMiscDynamicSetsTheWeight() throws Exception
    {
        final Path code = dir.resolve("code");
        Files.writeString(code, "0");
        final Path script = dir.resolve("check.sh");
        Files.writeString(script, "#!/bin/sh\nexit $(cat " + code + ")\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        harness.start(vs("", "  real_server 127.0.0.1 9 {\n    weight 4\n    MISC_CHECK {\n      misc_path \"" +
            script + "\"\n      misc_timeout 2\n      misc_dynamic\n      retry 0\n    }\n  }\n"));
        await(() -> harness.logged("MISC") || harness.weight(9) == 4, 3000, () -> "listed");
        assertEquals(4, harness.weight(9));
        Files.writeString(code, "1");
        await(() -> harness.weight(9) == -1, 1000 + SLACK_MS + 500, () -> "exit 1 removes, log " + harness.log);
        assertTrue(harness.logged("down: misc_path exit 1; real server removed"), harness.log::toString);
        Files.writeString(code, "7");
        await(() -> harness.weight(9) == 5, 1000 + SLACK_MS + 500, () -> "exit 7 = weight 5, log " + harness.log);
    }

    @Test
    void reloadKeepsCheckerStateAndTakesDownServersOutAgain() throws Exception
    {
        final int down = CheckHarness.freePort();
        final int up = CheckHarness.freePort();
        final int added = CheckHarness.freePort();
        final HttpServer upServer = http(up, 200, () -> "ok");
        try
        {
            harness.start(vs("", tcpServer(down, 1, "") + tcpServer(up, 1, "")));
            await(() -> harness.weight(down) == -1, 3000 + SLACK_MS, () -> "removal, log " + harness.log);
            harness.reload(vs("", tcpServer(down, 1, "") + tcpServer(up, 1, "") + tcpServer(added, 1, "")));
            // the reload listed every server again; the known-down one goes at once, without new failures
            await(() -> harness.weight(down) == -1 && harness.weight(up) == 1, 500, () -> "state kept, " +
                harness.log);
            await(() -> harness.weight(added) == -1, 3000 + SLACK_MS, () -> "the new server is checked too");
        }
        finally
        {
            upServer.stop(0);
        }
    }

    @Test
    void alphaStartsDownUntilTheFirstSuccess() throws Exception
    {
        final int port = CheckHarness.freePort();
        harness.start(vs("  alpha\n", tcpServer(port, 1, "")));
        await(() -> harness.logged("starts down (alpha)"), 3000, () -> "alpha, log " + harness.log);
        await(() -> harness.weight(port) == -1, 1000, () -> "alpha server out of the table");
        final HttpServer server = http(port, 200, () -> "ok");
        try
        {
            await(() -> harness.weight(port) == 1, 1000 + SLACK_MS, () -> "first success, log " + harness.log);
        }
        finally
        {
            server.stop(0);
        }
    }

    @Test
    void misconfiguredCheckersAreConfigErrorsNotSilentFailures() throws Exception
    {
        final String text = vs("", httpServer(8080, "        path index.html\n") +
            "  real_server 127.0.0.1 9 {\n    MISC_CHECK {\n      misc_path \"" + dir.resolve("missing.sh") +
            " --quick\"\n    }\n  }\n" +
            "  real_server 127.0.0.1 10 {\n    UDP_CHECK {\n      payload 0xabc\n    }\n  }\n");
        final HealthCheckConfigException ex = assertThrows(HealthCheckConfigException.class,
            () -> harness.start(text));
        assertTrue(ex.getMessage().contains("keepalived.conf:8: error: url path 'index.html' is not a request path"),
            ex.getMessage());
        assertTrue(ex.getMessage().contains("keepalived.conf:17: error: misc_path program '" +
            dir.resolve("missing.sh") + "' does not exist"), ex.getMessage());
        assertTrue(ex.getMessage().contains("keepalived.conf:23: error: payload '0xabc' is not a hex string"),
            ex.getMessage());
    }

    private static String md5Hex(final String text) throws Exception
    {
        final byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes("UTF-8"));
        return java.util.HexFormat.of().formatHex(digest);
    }

}
