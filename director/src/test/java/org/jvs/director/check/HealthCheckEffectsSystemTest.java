package org.jvs.director.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import org.jvs.director.lab.Lab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * keepalived's effects against real nginx in one DR lab with five real servers and a keepalived.conf of its own
 * (every checker: delay_loop 2, connect_timeout 1, retry 1, delay_before_retry 1):
 * <ul>
 * <li>VIP:80, HTTP_GET with the digest of each page on rs1 and rs2, sorry_server rs4: stop nginx on rs1 (removed,
 * rs2 serves), then on rs2 (the sorry server serves), start both (back, sorry server withdrawn);</li>
 * <li>VIP2:80 with inhibit_on_failure on rs3 and rs5: change the page of the server a keep-alive connection is
 * on (digest mismatch, weight 0), new connections go to the other, the existing one is still served;</li>
 * <li>VIP:8500 and VIP:8501 on rs5, a server answering HTTP 500 and one that hangs after accept: each detected
 * with its reason.</li>
 * </ul>
 * Bounds as keepalived's: removal within delay_loop + retry x (connect_timeout + delay_before_retry) = 4 s when
 * the failure is immediate, return within one delay_loop = 2 s, plus an allowance for polling and a busy machine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthCheckEffectsSystemTest
{
    private static final String VIP2 = "198.18.0.101";
    private static final long DELAY_LOOP_MS = 2_000;
    private static final long CONNECT_TIMEOUT_MS = 1_000;
    private static final int RETRY = 1;
    private static final long DELAY_BEFORE_RETRY_MS = 1_000;
    private static final long REMOVAL_BOUND_MS = DELAY_LOOP_MS + RETRY * (CONNECT_TIMEOUT_MS + DELAY_BEFORE_RETRY_MS);
    private static final long FIRST_DETECTION_BOUND_MS =
        (RETRY + 1) * CONNECT_TIMEOUT_MS + RETRY * DELAY_BEFORE_RETRY_MS;
    private static final long RETURN_BOUND_MS = DELAY_LOOP_MS;
    private static final long ALLOWANCE_MS = 1_500;
    private static final String STATE = "/run/jvs-lab";
    private static final String LOG = STATE + "/director/jvs.log";

    private static Lab lab;
    private static long directorStartedNs;

    @TempDir
    static Path dir;

    @BeforeEach
    void requireSystemTests()
    {
        Lab.assumeSystemTests();
    }

    @BeforeAll
    static void upWithBadServers() throws IOException, URISyntaxException
    {
        if (!"true".equals(System.getProperty("jvs.systemTests")))
        {
            return;
        }
        final Path config = dir.resolve("keepalived.conf");
        Files.writeString(config, config());
        lab = Lab.up("dr", "--servers", "5", "--no-director", "--config", config.toString());
        for (final String node : List.of("rs3", "rs5"))
        {
            ok(lab.exec(node, "ip", "addr", "add", VIP2 + "/32", "dev", "lo"), node + ": " + VIP2 + " on lo");
        }
        final String badHttp = resource("bad-http.py");
        ok(lab.exec("rs5", "sh", "-c", "python3 " + badHttp + " --port 8500 --mode 500 >/dev/null 2>&1 &"), "500");
        ok(lab.exec("rs5", "sh", "-c", "python3 " + badHttp + " --port 8501 --mode hang >/dev/null 2>&1 &"), "hang");
        Lab.await("the bad servers listening on rs5 8500 and 8501", 10_000, () ->
        {
            final String listening = lab.exec("rs5", "ss", "-Hltn").stdout();
            return listening.contains(":8500 ") && listening.contains(":8501 ");
        });
        lab.start(Lab.DIRECTOR);
        directorStartedNs = System.nanoTime();
    }

    @AfterAll
    static void leaveNothingBehind()
    {
        if (lab != null)
        {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void aServerAnswering500AndOneHangingAfterAcceptAreEachDetectedWithTheirReason()
    {
        final long boundMs = FIRST_DETECTION_BOUND_MS + ALLOWANCE_MS;
        Lab.await("HTTP 500 on rs5:8500 detected", boundMs, () -> log().contains(
            "HTTP_GET 198.18.0.15:8500 of real server 198.18.0.15 8500 of virtual server 198.18.0.100 8500 " +
            "down: HTTP status 500; real server removed"));
        Lab.await("the hang after accept on rs5:8501 detected", boundMs, () -> log().contains(
            "HTTP_GET 198.18.0.15:8501 of real server 198.18.0.15 8501 of virtual server 198.18.0.100 8501 " +
            "down: read timeout; real server removed"));
        System.out.println("bad servers detected within " + (System.nanoTime() - directorStartedNs) / 1_000_000 +
            " ms of the director answering (bound " + FIRST_DETECTION_BOUND_MS + " ms from the first attempt)");
        final String list = list();
        assertTrue(!list.contains("198.18.0.15:8500") && !list.contains("198.18.0.15:8501"), list);
        assertTrue(list.contains("TCP  198.18.0.100:8500 rr"), "the service stays, empty:\n" + list);
    }

    @Test
    @Order(2)
    void httpGetWithDigestRemovesAStoppedServerThenTheSorryServerServesThenBothReturn()
    {
        awaitListed("rs1 and rs2 in VIP:80", () -> server(80, "198.18.0.11", 1) && server(80, "198.18.0.12", 1));
        long stoppedNs = System.nanoTime();
        lab.stop("rs1");
        final List<String> during = new ArrayList<>();
        Lab.await("rs1 removed from VIP:80", REMOVAL_BOUND_MS + ALLOWANCE_MS, () ->
        {
            during.add(String.valueOf(lab.httpGet(Lab.CLIENT, "http://" + Lab.VIP + "/")).strip());
            return !list().contains("198.18.0.11:80 ");
        });
        System.out.println("rs1 removed " + (System.nanoTime() - stoppedNs) / 1_000_000 + " ms after nginx " +
            "stopped (bound " + REMOVAL_BOUND_MS + " ms); answers meanwhile: " + during);
        assertTrue(during.stream().allMatch(a -> a.equals("rs2") || a.equals("null")),
            "while rs1 is being detected, an answer comes only from rs2: " + during);
        assertEquals(List.of("rs2", "rs2", "rs2", "rs2", "rs2", "rs2"), answers(Lab.VIP, 6));
        assertTrue(log().contains("HTTP_GET 198.18.0.11:80 of real server 198.18.0.11 80 of virtual server " +
            "198.18.0.100 80 down: connection refused; real server removed"), log());

        stoppedNs = System.nanoTime();
        lab.stop("rs2");
        Lab.await("the sorry server rs4 serving VIP:80", REMOVAL_BOUND_MS + ALLOWANCE_MS,
            () -> list().contains("198.18.0.14:80 ") && "rs4".equals(get(Lab.VIP)));
        System.out.println("sorry server serving " + (System.nanoTime() - stoppedNs) / 1_000_000 + " ms after " +
            "nginx stopped on rs2");
        assertEquals(List.of("rs4", "rs4", "rs4", "rs4"), answers(Lab.VIP, 4));
        assertTrue(log().contains("virtual server 198.18.0.100 80: quorum lost") &&
            log().contains("sorry server 198.18.0.14 80 takes the traffic"), log());

        final long startedNs = System.nanoTime();
        lab.start("rs1");
        lab.start("rs2");
        Lab.await("rs1 and rs2 back, the sorry server withdrawn", RETURN_BOUND_MS + ALLOWANCE_MS,
            () -> server(80, "198.18.0.11", 1) && server(80, "198.18.0.12", 1) &&
            !list().contains("198.18.0.14:80 "));
        System.out.println("both back " + (System.nanoTime() - startedNs) / 1_000_000 + " ms after nginx started");
        final List<String> again = answers(Lab.VIP, 4);
        assertEquals(2, again.stream().filter("rs1"::equals).count(), "rr over rs1 and rs2 again: " + again);
        assertEquals(2, again.stream().filter("rs2"::equals).count(), "rr over rs1 and rs2 again: " + again);
    }

    @Test
    @Order(3)
    void inhibitOnFailureKeepsAnEstablishedConnectionWhileAChangedPageSetsItsServerToWeightZero()
        throws IOException, URISyntaxException
    {
        awaitListed("rs3 and rs5 in VIP2:80", () -> server(80, "198.18.0.13", 1) && server(80, "198.18.0.15", 1));
        final Path out = dir.resolve("keepalive.out");
        final Path go = dir.resolve("keepalive.go");
        ok(lab.exec(Lab.CLIENT, "sh", "-c", "python3 " + resource("keepalive-client.py") + " " + VIP2 + " 80 " +
            go + " >" + out + " 2>&1 &"), "keep-alive client");
        Lab.await("the keep-alive client's first answer", 5_000,
            () -> Files.exists(out) && Files.readString(out).contains("\n"));
        final String node = Files.readString(out).lines().findFirst().orElseThrow();
        assertTrue(node.equals("rs3") || node.equals("rs5"), "first answer: " + node);
        final String other = node.equals("rs3") ? "rs5" : "rs3";
        final String rip = "198.18.0.1" + node.substring(2);
        final String page = STATE + "/" + node + "/www/index.html";
        try
        {
            final long changedNs = System.nanoTime();
            ok(lab.exec(node, "sh", "-c", "printf 'changed\\n' >" + page), "change the page of " + node);
            awaitListed(node + " at weight 0", REMOVAL_BOUND_MS + ALLOWANCE_MS, () -> server(80, rip, 0));
            System.out.println(node + " at weight 0 " + (System.nanoTime() - changedNs) / 1_000_000 +
                " ms after its page changed (bound " + REMOVAL_BOUND_MS + " ms)");
            assertTrue(Pattern.compile("HTTP_GET " + Pattern.quote(rip) + ":80 of real server .* of virtual server " +
                Pattern.quote(VIP2) + " 80 down: digest mismatch \\(got [0-9a-f]{32}\\); real server set to weight " +
                "0 \\(inhibit_on_failure\\)").matcher(log()).find(), log());
            assertEquals(List.of(other, other, other, other), answers(VIP2, 4), "new connections go to " + other);
            Files.writeString(go, "go\n");
            Lab.await("the second answer on the established connection", 5_000,
                () -> Files.readString(out).lines().count() >= 2);
            assertEquals(List.of(node, "changed"), Files.readString(out).lines().toList(),
                "the connection opened before the failure is still served by " + node);
        }
        finally
        {
            ok(lab.exec(node, "sh", "-c", "printf '%s\\n' " + node + " >" + page), "restore the page of " + node);
        }
        final long restoredNs = System.nanoTime();
        awaitListed(node + " back at weight 1", RETURN_BOUND_MS + ALLOWANCE_MS, () -> server(80, rip, 1));
        System.out.println(node + " back " + (System.nanoTime() - restoredNs) / 1_000_000 + " ms after its page " +
            "was restored");
    }

    private static void awaitListed(final String what, final long timeoutMs, final Lab.Condition condition)
    {
        Lab.await(what, timeoutMs, condition);
    }

    private static void awaitListed(final String what, final Lab.Condition condition)
    {
        Lab.await(what, RETURN_BOUND_MS + ALLOWANCE_MS, condition);
    }

    /**
     * @return true when {@code jvsadm -L -n} lists RIP:PORT (under any service) with this weight.
     */
    private static boolean server(final int port, final String rip, final int weight)
    {
        return Pattern.compile("-> " + Pattern.quote(rip + ":" + port) + " +Route +" + weight + " ")
            .matcher(list()).find();
    }

    private static String list()
    {
        return lab.run(List.of(System.getProperty("jvs.root") + "/bin/jvsadm", "-L", "-n")).stdout();
    }

    private static String log()
    {
        return lab.exec(Lab.DIRECTOR, "cat", LOG).stdout();
    }

    private static String get(final String vip)
    {
        final String body = lab.httpGet(Lab.CLIENT, "http://" + vip + "/");
        return body == null ? null : body.strip();
    }

    private static List<String> answers(final String vip, final int n)
    {
        return lab.exec(Lab.CLIENT, "sh", "-c", "for i in $(seq " + n + "); do curl -s --noproxy '*' -m 2 " +
            "http://" + vip + "/ || echo FAIL; done").stdout().lines().toList();
    }

    private static void ok(final Lab.Result result, final String what)
    {
        assertEquals(0, result.exitCode(), what + ": " + result);
    }

    private static String resource(final String name) throws URISyntaxException
    {
        return Path.of(HealthCheckEffectsSystemTest.class.getResource(name).toURI()).toString();
    }

    private static String config()
    {
        final StringBuilder text = new StringBuilder("global_defs {\n    router_id JVS_HEALTH_EFFECTS\n}\n");
        text.append(virtualServer(Lab.VIP, 80, "    sorry_server 198.18.0.14 80\n",
            realServer("198.18.0.11", 80, "", "digest " + md5("rs1\n")),
            realServer("198.18.0.12", 80, "", "digest " + md5("rs2\n"))));
        text.append(virtualServer(VIP2, 80, "",
            realServer("198.18.0.13", 80, "        inhibit_on_failure\n", "digest " + md5("rs3\n")),
            realServer("198.18.0.15", 80, "        inhibit_on_failure\n", "digest " + md5("rs5\n"))));
        text.append(virtualServer(Lab.VIP, 8500, "", realServer("198.18.0.15", 8500, "", "status_code 200")));
        text.append(virtualServer(Lab.VIP, 8501, "", realServer("198.18.0.15", 8501, "", "status_code 200")));
        return text.toString();
    }

    private static String virtualServer(final String vip, final int port, final String extra,
        final String... realServers)
    {
        return "virtual_server " + vip + " " + port + " {\n    delay_loop " + DELAY_LOOP_MS / 1000 + "\n" +
            "    lb_algo rr\n    lb_kind DR\n    protocol TCP\n" + extra + String.join("", realServers) + "}\n";
    }

    private static String realServer(final String rip, final int port, final String extra, final String urlLine)
    {
        return "    real_server " + rip + " " + port + " {\n        weight 1\n" + extra +
            "        HTTP_GET {\n            url {\n                path /\n                " + urlLine + "\n" +
            "            }\n            connect_timeout " + CONNECT_TIMEOUT_MS / 1000 + "\n            retry " +
            RETRY + "\n            delay_before_retry " + DELAY_BEFORE_RETRY_MS / 1000 + "\n        }\n    }\n";
    }

    private static String md5(final String page)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(page.getBytes(StandardCharsets.US_ASCII)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
