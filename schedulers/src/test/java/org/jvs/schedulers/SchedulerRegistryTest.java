package org.jvs.schedulers;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jvs.core.sched.Scheduler;
import org.jvs.core.sched.SchedulerRegistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each scheduler of this module is found by its ipvsadm name, with a fresh instance per service.
 */
class SchedulerRegistryTest
{
    @ParameterizedTest
    @CsvSource({
        "sh, org.jvs.schedulers.SourceHashingScheduler",
        "dh, org.jvs.schedulers.DestinationHashingScheduler",
        "mh, org.jvs.schedulers.MaglevHashingScheduler",
        "lblc, org.jvs.schedulers.LocalityBasedLeastConnectionScheduler",
        "lblcr, org.jvs.schedulers.LocalityBasedLeastConnectionReplicationScheduler",
    })
    void findsByName(final String name, final String className)
    {
        final SchedulerRegistry registry = new SchedulerRegistry();
        assertTrue(registry.has(name), name);
        final Scheduler scheduler = registry.create(name);
        assertEquals(className, scheduler.getClass().getName());
        assertEquals(name, scheduler.name());
        assertNotSame(scheduler, registry.create(name), "one instance per service");
    }
}
