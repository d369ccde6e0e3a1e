package org.jvs.director.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jvs.director.lab.Lab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daemon as an admin runs it: {@code jvs director --config keepalived.conf} in the lab's director, changed
 * while traffic flows by {@code jvsadm -e}, {@code jvsadm -a}, {@code jvsadm --reload}, SIGHUP with a changed
 * file, and an invalid file that must be refused whole. A keep-alive connection opened at the start sends a
 * request every 100 ms through all of it and must never fail.
 */
class DirectorDaemonSystemTest
{
    private static final String VIP = "198.18.0.100";
    private static final String OUT = "/tmp/jvs-daemon-keepalive.out";
    private static final String STOP = "/tmp/jvs-daemon-keepalive.stop";

    @BeforeEach
    void requireSystemTests()
    {
        Lab.assumeSystemTests();
    }

    @AfterAll
    static void leaveNothingBehind()
    {
        if ("true".equals(System.getProperty("jvs.systemTests")))
        {
            try (Lab lab = Lab.handle())
            {
                lab.down(); // close lets go of the session down took
            }
        }
    }

    private static String config(final String... servers)
    {
        final StringBuilder sb = new StringBuilder("virtual_server " + VIP + " 80 {\n    lb_algo rr\n" +
            "    lb_kind DR\n    protocol TCP\n");
        for (final String server : servers)
        {
            final String[] parts = server.split(" ");
            sb.append("    real_server ").append(parts[0]).append(" 80 {\n        weight ").append(parts[1])
                .append("\n    }\n");
        }
        return sb.append("}\n").toString();
    }

    @Test
    void changesWhileTrafficFlowsKeepEstablishedConnections() throws IOException
    {
        final Path conf = Files.createTempFile("jvs-daemon", ".conf");
        Files.writeString(conf, config("198.18.0.11 1", "198.18.0.12 1"));
        try (Lab lab = Lab.up("dr", "--servers", "3", "--config", conf.toString()))
        {
            final String pinned = startKeepAlive(lab);
            final String first = "rs1".equals(pinned) ? "198.18.0.11" : "198.18.0.12";
            final String other = "rs1".equals(pinned) ? "rs2" : "rs1";

            assertEquals(0, jvsadm(lab, "-e", "-t", VIP + ":80", "-r", first + ":80", "-g", "-w", "0").exitCode());
            assertTrue(jvsadm(lab, "-L", "-n").stdout().contains("  -> " + first + ":80"), "quiesced, still listed");
            assertEquals(List.of(other, other, other, other), answers(lab, 4), "weight 0: no new connections");

            assertEquals(0, jvsadm(lab, "-a", "-t", VIP + ":80", "-r", "198.18.0.13:80", "-g", "-w", "1").exitCode());
            final List<String> withRs3 = answers(lab, 4);
            assertEquals(2, withRs3.stream().filter("rs3"::equals).count(), "added server takes its turn: " + withRs3);

            Files.writeString(conf, config("198.18.0.12 1", "198.18.0.13 1"));
            final Lab.Result reload = jvsadm(lab, "--reload");
            assertEquals(0, reload.exitCode(), reload.toString());
            final String table = jvsadm(lab, "-L", "-n").stdout();
            assertFalse(table.contains(first + ":80") && "198.18.0.11".equals(first), table);
            assertTrue(table.contains("198.18.0.13:80") && table.contains("198.18.0.12:80"), table);

            Files.writeString(conf, config("198.18.0.11 1", "198.18.0.12 1", "198.18.0.13 1"));
            final String pid = lab.exec(Lab.DIRECTOR, "cat", "/run/jvs-lab/pids/director.jvs").stdout().trim();
            assertEquals(0, lab.run(List.of("kill", "-HUP", pid)).exitCode());
            try
            {
                Lab.await("SIGHUP reload applied", 10_000,
                    () -> jvsadm(lab, "-L", "-n").stdout().lines().filter(l -> l.startsWith("  -> 198.")).count() == 3);
            }
            catch (final AssertionError ex)
            {
                throw new AssertionError(ex.getMessage() + "\n" + jvsadm(lab, "-L", "-n").stdout() + "\npid " + pid +
                    "\n" + lab.exec(Lab.DIRECTOR, "tail", "-n", "20", "/run/jvs-lab/director/jvs.log").stdout(), ex);
            }

            Files.writeString(conf, config("198.18.0.11 1") + "virtual_server " + VIP + " 81 {\n    lb_kind XX\n}\n");
            final Lab.Result refused = jvsadm(lab, "--reload");
            assertNotEquals(0, refused.exitCode());
            assertTrue((refused.stdout() + refused.stderr()).contains(conf + ":10: error: unknown lb_kind"),
                refused.toString());
            assertEquals(3, jvsadm(lab, "-L", "-n").stdout().lines().filter(l -> l.startsWith("  -> 198.")).count(),
                "the running table stays");

            final String log = stopKeepAlive(lab);
            assertFalse(log.contains("fail"), "the established connection survived every step:\n" + log);
            assertTrue(log.lines().filter(l -> l.equals("ok " + pinned)).count() >= 10, log);
        }
        finally
        {
            Files.deleteIfExists(conf);
        }
    }

    private static Lab.Result jvsadm(final Lab lab, final String... args)
    {
        final List<String> command = new java.util.ArrayList<>();
        command.add(System.getProperty("jvs.root") + "/bin/jvsadm");
        command.addAll(List.of(args));
        return lab.run(command);
    }

    private static List<String> answers(final Lab lab, final int n)
    {
        return lab.exec(Lab.CLIENT, "sh", "-c", "for i in $(seq " + n + "); do curl -s --noproxy '*' -m 2 " +
            "http://" + VIP + "/ || echo FAIL; done").stdout().lines().toList();
    }

    /**
     * @return the real server the keep-alive connection reached.
     */
    private static String startKeepAlive(final Lab lab)
    {
        lab.exec(Lab.CLIENT, "rm", "-f", OUT, STOP);
        final String program = String.join("\n",
            "import http.client, os, time",
            "c = http.client.HTTPConnection(\"" + VIP + "\", 80, timeout=3)",
            "deadline = time.time() + 100",
            "while not os.path.exists(\"" + STOP + "\") and time.time() < deadline:",
            "    try:",
            "        c.request(\"GET\", \"/\"); print(\"ok\", c.getresponse().read().decode().strip(), flush=True)",
            "    except Exception as e:",
            "        print(\"fail\", type(e).__name__, e, flush=True); break",
            "    time.sleep(0.1)",
            "print(\"stopped\", flush=True)");
        lab.exec(Lab.CLIENT, "sh", "-c", "python3 -c '" + program + "' > " + OUT + " 2>&1 &");
        Lab.await("the keep-alive connection answers", 10_000,
            () -> lab.exec(Lab.CLIENT, "grep", "-q", "^ok ", OUT).exitCode() == 0);
        return lab.exec(Lab.CLIENT, "sh", "-c", "grep -m1 '^ok ' " + OUT).stdout().trim().substring(3);
    }

    private static String stopKeepAlive(final Lab lab)
    {
        lab.exec(Lab.CLIENT, "touch", STOP);
        Lab.await("the keep-alive client stopped", 10_000,
            () -> lab.exec(Lab.CLIENT, "grep", "-q", "^stopped", OUT).exitCode() == 0);
        return lab.exec(Lab.CLIENT, "cat", OUT).stdout();
    }
}
