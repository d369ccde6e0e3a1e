package org.jvs.director.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jvs.director.lab.Lab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seeds' test, against real nginx: stop the web server on one real server, watch it leave
 * {@code jvsadm -L -n} and traffic go only to the other; start it, watch it return. Run with the lab's
 * {@code --check tcp} (TCP_CHECK) and {@code --check misc} (MISC_CHECK running the lab's curl script): the lab's
 * keepalived.conf gives each real server the checker with {@code connect_timeout 1 retry 1 delay_before_retry 1}
 * (and {@code misc_timeout 1}) and {@code delay_loop 2}, so keepalived's bound for noticing is delay_loop +
 * retry × (connect_timeout + delay_before_retry) = 4 s, and for the return one delay_loop = 2 s.
 */
class HealthCheckSystemTest
{
    private static final long REMOVAL_BOUND_MS = 2_000 + 1 * (1_000 + 1_000);
    private static final long RETURN_BOUND_MS = 2_000;
    private static final long ALLOWANCE_MS = 1_500;
    private static final String RS1 = "  -> 198.18.0.11:80 ";

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

    private static String list(final Lab lab)
    {
        return lab.run(List.of(System.getProperty("jvs.root") + "/bin/jvsadm", "-L", "-n")).stdout();
    }

    private static List<String> answers(final Lab lab, final int n)
    {
        return lab.exec(Lab.CLIENT, "sh", "-c", "for i in $(seq " + n + "); do curl -s --noproxy '*' -m 2 " +
            "http://" + Lab.VIP + "/ || echo FAIL; done").stdout().lines().toList();
    }

    @ParameterizedTest(name = "--check {0}")
    @CsvSource({"tcp, TCP_CHECK, connection refused", "misc, MISC_CHECK, misc_path exit 1"})
    void aStoppedWebServerLeavesWithinTheBoundAndReturnsWithinOneDelayLoop(final String check, final String kind,
        final String reason)
    {
        try (Lab lab = Lab.up("dr", "--check", check))
        {
            assertTrue(list(lab).contains(RS1), list(lab));
            final long stoppedNs = System.nanoTime();
            lab.stop("rs1");
            Lab.await("rs1 removed from the service", REMOVAL_BOUND_MS + ALLOWANCE_MS,
                () -> !list(lab).contains(RS1));
            final long removedMs = (System.nanoTime() - stoppedNs) / 1_000_000;
            System.out.println("rs1 removed " + removedMs + " ms after nginx stopped (bound " + REMOVAL_BOUND_MS +
                " ms)");
            assertEquals(List.of("rs2", "rs2", "rs2", "rs2", "rs2", "rs2"), answers(lab, 6),
                "after the removal every request is served by the other real server");
            final String log = lab.exec(Lab.DIRECTOR, "cat", "/run/jvs-lab/director/jvs.log").stdout();
            assertTrue(log.contains(kind + " 198.18.0.11:80 of real server 198.18.0.11 80 of virtual server " +
                Lab.VIP + " 80 down: " + reason + "; real server removed"), "one log line with the reason:\n" + log);

            final long startedNs = System.nanoTime();
            lab.start("rs1");
            Lab.await("rs1 back in the service", RETURN_BOUND_MS + ALLOWANCE_MS, () -> list(lab).contains(RS1));
            System.out.println("rs1 back " + (System.nanoTime() - startedNs) / 1_000_000 + " ms after nginx started");
            final List<String> again = answers(lab, 4);
            assertEquals(2, again.stream().filter("rs1"::equals).count(), "rr over both again: " + again);
        }
    }
}
