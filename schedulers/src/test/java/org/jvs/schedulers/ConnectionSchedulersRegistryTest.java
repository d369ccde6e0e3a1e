package org.jvs.schedulers;

import java.util.Map;

import org.jvs.core.sched.Scheduler;
import org.jvs.core.sched.SchedulerRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ServiceLoader finds each scheduler of this module by its ipvsadm name, and makes a fresh instance per
 * service.
 */
class ConnectionSchedulersRegistryTest
{
    private static final Map<String, Class<? extends Scheduler>> EXPECTED = Map.of(
        "rr", RoundRobinScheduler.class,
        "wrr", WeightedRoundRobinScheduler.class,
        "lc", LeastConnectionScheduler.class,
        "wlc", WeightedLeastConnectionScheduler.class,
        "sed", ShortestExpectedDelayScheduler.class,
        "nq", NeverQueueScheduler.class,
        "fo", WeightedFailoverScheduler.class,
        "ovf", WeightedOverflowScheduler.class,
        "twos", TwoChoiceScheduler.class);

    @Test
    void findsEachByName()
    {
        final SchedulerRegistry registry = new SchedulerRegistry();
        for (final Map.Entry<String, Class<? extends Scheduler>> e : EXPECTED.entrySet())
        {
            assertTrue(registry.has(e.getKey()), e.getKey());
            final Scheduler scheduler = registry.create(e.getKey());
            assertEquals(e.getValue(), scheduler.getClass());
            assertEquals(e.getKey(), scheduler.name());
            assertNotSame(scheduler, registry.create(e.getKey()));
        }
    }
}
