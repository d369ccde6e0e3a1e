package org.jvs.director.schedsim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvs.core.sched.SchedulerRegistry;

/**
 * The simulator with the real rr and wlc: the kernel's list order, quiescing and connection counts as the
 * schedulers see them.
 */
class SchedSimRealSchedulersTest
{
    private static final SchedulerRegistry REGISTRY = new SchedulerRegistry();

    @Test
    void rrStartsAtTheHeadOfTheListWhichIsTheLastServerAdded() throws IOException
    {
        assertEquals(List.of("1 c", "2 b", "3 a", "4 c", "5 a", "6 c", "7 -"), play("service tcp 198.18.0.100:80 rr\n"
            + "server a 198.18.1.1:80 weight 1\n"
            + "server b 198.18.1.2:80 weight 1\n"
            + "server c 198.18.1.3:80 weight 1\n"
            + "conn 198.18.0.1:1\nconn 198.18.0.1:2\nconn 198.18.0.1:3\nconn 198.18.0.1:4\n"
            + "weight b 0\n"
            + "conn 198.18.0.1:5\nconn 198.18.0.1:6\n"
            + "weight a 0\nweight c 0\n"
            + "conn 198.18.0.1:7\n"));
    }

    @Test
    void rrSkipsAnOverloadedServerUntilAConnectionCloses() throws IOException
    {
        assertEquals(List.of("1 b", "2 a", "3 a", "4 b"), play("service udp 198.18.0.100:53 rr\n"
            + "server a 198.18.1.1:53 weight 1\n"
            + "server b 198.18.1.2:53 weight 1 upper 1\n"
            + "conn 198.18.0.1:1\nconn 198.18.0.1:2\nconn 198.18.0.1:3\n"
            + "close 1\n"
            + "conn 198.18.0.1:4\n"));
    }

    @Test
    void wlcWeighsOverheadWithActiveConnectionsCounting256() throws IOException
    {
        assertEquals(List.of("1 b", "2 a", "3 b", "4 b", "5 a", "6 a"), play("service tcp 198.18.0.100:80 wlc\n"
            + "server a 198.18.1.1:80 weight 1\n"
            + "server b 198.18.1.2:80 weight 2\n"
            + "conn 198.18.0.1:1\nconn 198.18.0.1:2\nconn 198.18.0.1:3\nconn 198.18.0.1:4\nconn 198.18.0.1:5\n"
            + "establish 1\n"
            + "conn 198.18.0.1:6\n"));
    }

    private static List<String> play(final String scenario) throws IOException
    {
        return SchedSimScript.run(new SchedSim(REGISTRY), new StringReader(scenario), "t.sim");
    }
}
