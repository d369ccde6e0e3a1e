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
 * with its reason;</li>
 * <li>VIP:8443, SSL_GET (alpha) against nginx with TLS on rs5 (a self-signed certificate made by openssl here):
 * up only after a TLS fetch with the right digest;</li>
 * <li>VIP:5353/udp, UDP_CHECK (payload, require_reply) against the lab's UDP echo on rs1 and rs2: rs1 stopped is
 * "port unreachable";</li>
 * <li>VIP:53/udp and VIP:5354/udp, DNS_CHECK of dnsmasq on rs4 (local zone lab.test): type A of
 * www.lab.test up (alpha), missing.lab.test down with "DNS rcode NXDOMAIN";</li>
 * <li>VIP:8502, PING_CHECK (alpha) of rs5: up, then down ("no ICMP echo reply") while rs5 ignores echo requests
 * (net.ipv4.icmp_echo_ignore_all in its namespace), then back.</li>
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
    /** The first attempt comes within warmup (keepalived's default: delay_loop), then the retries. */
    private static final long FIRST_DETECTION_BOUND_MS =
        DELAY_LOOP_MS + (RETRY + 1) * CONNECT_TIMEOUT_MS + RETRY * DELAY_BEFORE_RETRY_MS;
    private static final long RETURN_BOUND_MS = DELAY_LOOP_MS;
    private static final long ALLOWANCE_MS = 1_500;
    private static final String STATE = "/run/jvs-lab";
    private static final String LOG = STATE + "/director/jvs.log";
    private static final String TLS_PAGE = "tls rs5\n";
    private static final String UDP_PAYLOAD = "jvs-udp-check";
    private static final String TIMING = "            connect_timeout " + CONNECT_TIMEOUT_MS / 1000 + "\n" +
        "            retry " + RETRY + "\n            delay_before_retry " + DELAY_BEFORE_RETRY_MS / 1000 + "\n";

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
        startTlsNginx();
        final Path dns = Files.createDirectories(dir.resolve("dns"));
        ok(lab.exec("rs4", "sh", "-c", "dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts " +
            "--no-poll --user=root --bind-interfaces --listen-address=198.18.0.14 --port=53 --local=/lab.test/ " +
            "--address=/www.lab.test/198.18.0.14 --pid-file=" + dns.resolve("dnsmasq.pid") + " --log-facility=" +
            dns.resolve("dnsmasq.log") + " >/dev/null 2>&1 &"), "dnsmasq on rs4");
        Lab.await("dnsmasq listening on rs4 53/udp", 10_000,
            () -> lab.exec("rs4", "ss", "-Hlun").stdout().contains("198.18.0.14:53 "));
        Lab.await("the bad servers and nginx with TLS listening on rs5 8500, 8501 and 8443", 10_000, () ->
        {
            final String listening = lab.exec("rs5", "ss", "-Hltn").stdout();
            return listening.contains(":8500 ") && listening.contains(":8501 ") && listening.contains(":8443 ");
        });
        lab.start(Lab.DIRECTOR);
        directorStartedNs = System.nanoTime();
    }

    /**
     * A second nginx on rs5, TLS only on 8443, with a certificate made here; ended by scripts/lab down with
     * everything else left in the lab's namespaces.
     */
    private static void startTlsNginx() throws IOException
    {
        final Path tls = Files.createDirectories(dir.resolve("tls"));
        Files.createDirectories(tls.resolve("www"));
        Files.writeString(tls.resolve("www/index.html"), TLS_PAGE);
        ok(lab.run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-keyout", tls.resolve("key.pem").toString(), "-out", tls.resolve("cert.pem").toString(),
            "-days", "2", "-subj", "/CN=198.18.0.15")), "openssl self-signed certificate");
        Files.writeString(tls.resolve("nginx.conf"), "daemon off;\nmaster_process off;\nuser root;\n" +
            "pid " + tls.resolve("nginx.pid") + ";\nerror_log " + tls.resolve("error.log") + " notice;\n" +
            "events { worker_connections 64; }\nhttp {\n    access_log off;\n" +
            "    client_body_temp_path " + tls + ";\n    proxy_temp_path " + tls + ";\n" +
            "    server {\n        listen 8443 ssl;\n        ssl_certificate " + tls.resolve("cert.pem") + ";\n" +
            "        ssl_certificate_key " + tls.resolve("key.pem") + ";\n        root " + tls.resolve("www") +
            ";\n        index index.html;\n    }\n}\n");
        ok(lab.exec("rs5", "sh", "-c", "nginx -p " + tls + " -e " + tls.resolve("error.log") + " -c " +
            tls.resolve("nginx.conf") + " >/dev/null 2>&1 &"), "nginx with TLS on rs5");
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
            " ms of the director answering (bound " + FIRST_DETECTION_BOUND_MS + " ms from its start: warmup " +
            DELAY_LOOP_MS + " ms, then 3 s of attempts)");
        final String list = list();
        assertTrue(!list.contains("198.18.0.15:8500") && !list.contains("198.18.0.15:8501"), list);
        assertTrue(list.contains("TCP  198.18.0.100:8500 rr"), "the service stays, empty:\n" + list);
    }

    @Test
    @Order(2)
    void sslGetAgainstNginxWithTlsPingCheckAndDnsCheckOfDnsmasqComeUpFromAlpha()
    {
        final long boundMs = DELAY_LOOP_MS + CONNECT_TIMEOUT_MS + ALLOWANCE_MS;
        Lab.await("SSL_GET of nginx with TLS on rs5:8443 up", boundMs, () -> log().contains(
            "SSL_GET 198.18.0.15:8443 of real server 198.18.0.15 8443 of virtual server 198.18.0.100 8443 up; " +
            "real server back with weight 1"));
        Lab.await("PING_CHECK of rs5 up", boundMs, () -> log().contains(
            "PING_CHECK 198.18.0.15:8502 of real server 198.18.0.15 8502 of virtual server 198.18.0.100 8502 up; " +
            "real server back with weight 1"));
        assertTrue(log().contains("SSL_GET 198.18.0.15:8443 of real server 198.18.0.15 8443 of virtual server " +
            "198.18.0.100 8443 starts down (alpha)"), log());
        assertTrue(server(8443, "198.18.0.15", 1) && server(8502, "198.18.0.15", 1), list());
        Lab.await("DNS_CHECK of www.lab.test on rs4 up", boundMs, () -> log().contains(
            "DNS_CHECK 198.18.0.14:53 of real server 198.18.0.14 53 of virtual server 198.18.0.100 53 up; " +
            "real server back with weight 1"));
        Lab.await("DNS_CHECK of missing.lab.test on rs4 down", FIRST_DETECTION_BOUND_MS + ALLOWANCE_MS, () ->
            log().contains("DNS_CHECK 198.18.0.14:53 of real server 198.18.0.14 5354 of virtual server " +
            "198.18.0.100 5354 down: DNS rcode NXDOMAIN; real server removed"));
        assertTrue(server(53, "198.18.0.14", 1) && !list().contains("198.18.0.14:5354"), list());
    }

    @Test
    @Order(3)
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
        Lab.await("UDP_CHECK of rs1:5353 down", REMOVAL_BOUND_MS + ALLOWANCE_MS, () -> log().contains(
            "UDP_CHECK 198.18.0.11:5353 of real server 198.18.0.11 5353 of virtual server 198.18.0.100 5353 " +
            "down: port unreachable; real server removed"));

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
        Lab.await("rs1 back in VIP:5353/udp (UDP_CHECK)", RETURN_BOUND_MS + ALLOWANCE_MS,
            () -> server(5353, "198.18.0.11", 1));
    }

    @Test
    @Order(4)
    void pingCheckGoesDownWhileTheServerIgnoresEchoRequestsAndReturns()
    {
        awaitListed("rs5 in VIP:8502 (PING_CHECK)", () -> server(8502, "198.18.0.15", 1));
        final String ignore = "net.ipv4.icmp_echo_ignore_all";
        final long ignoredNs = System.nanoTime();
        ok(lab.exec("rs5", "sysctl", "-q", "-w", ignore + "=1"), "rs5 ignores echo requests");
        try
        {
            // a ping fails by timing out: the bound has connect_timeout once more than for an immediate failure
            Lab.await("rs5 out of VIP:8502", REMOVAL_BOUND_MS + CONNECT_TIMEOUT_MS + ALLOWANCE_MS,
                () -> !list().contains("198.18.0.15:8502 "));
            System.out.println("rs5 removed " + (System.nanoTime() - ignoredNs) / 1_000_000 + " ms after it " +
                "stopped answering echo requests (bound " + (REMOVAL_BOUND_MS + CONNECT_TIMEOUT_MS) + " ms)");
            assertTrue(log().contains("PING_CHECK 198.18.0.15:8502 of real server 198.18.0.15 8502 of virtual " +
                "server 198.18.0.100 8502 down: no ICMP echo reply; real server removed"), log());
        }
        finally
        {
            ok(lab.exec("rs5", "sysctl", "-q", "-w", ignore + "=0"), "rs5 answers echo requests again");
        }
        awaitListed("rs5 back in VIP:8502", RETURN_BOUND_MS + ALLOWANCE_MS, () -> server(8502, "198.18.0.15", 1));
    }

    @Test
    @Order(5)
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
        text.append(virtualServer(Lab.VIP, 8443, "", realServer("198.18.0.15", 8443, "", "digest " + md5(TLS_PAGE))
            .replace("HTTP_GET {\n", "SSL_GET {\n            alpha\n")));
        final String udpCheck = "        UDP_CHECK {\n            payload " + HexFormat.of().formatHex(
            UDP_PAYLOAD.getBytes(StandardCharsets.US_ASCII)) + "\n            require_reply\n" + TIMING + "        }\n";
        text.append(virtualServer(Lab.VIP, 5353, "",
            "    real_server 198.18.0.11 5353 {\n        weight 1\n" + udpCheck + "    }\n",
            "    real_server 198.18.0.12 5353 {\n        weight 1\n" + udpCheck + "    }\n")
            .replace("protocol TCP", "protocol UDP"));
        text.append(virtualServer(Lab.VIP, 8502, "", "    real_server 198.18.0.15 8502 {\n        weight 1\n" +
            "        PING_CHECK {\n            alpha\n" + TIMING + "        }\n    }\n"));
        text.append(virtualServer(Lab.VIP, 53, "", "    real_server 198.18.0.14 53 {\n        weight 1\n" +
            "        DNS_CHECK {\n            type A\n            name www.lab.test\n            alpha\n" + TIMING +
            "        }\n    }\n").replace("protocol TCP", "protocol UDP"));
        text.append(virtualServer(Lab.VIP, 5354, "", "    real_server 198.18.0.14 5354 {\n        weight 1\n" +
            "        DNS_CHECK {\n            connect_port 53\n            type A\n" +
            "            name missing.lab.test\n" + TIMING + "        }\n    }\n")
            .replace("protocol TCP", "protocol UDP"));
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
            "            }\n" + TIMING + "        }\n    }\n";
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
