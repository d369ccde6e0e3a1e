package org.jvs.director.vrrp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VrrpScriptTrackerTest
{
    @Test
    void fallAndRiseCountConsecutiveResults()
    {
        final VrrpScriptTracker script = new VrrpScriptTracker(-60, 2, 3, true);
        assertFalse(script.onResult(false));
        assertFalse(script.onResult(false));
        assertFalse(script.onResult(true), "a success restarts the fall count");
        assertFalse(script.onResult(false));
        assertFalse(script.onResult(false));
        assertTrue(script.onResult(false), "third consecutive failure");
        assertFalse(script.up());
        assertEquals(-60, script.priorityDelta());
        assertFalse(script.onResult(true));
        assertTrue(script.onResult(true), "second consecutive success");
        assertEquals(0, script.priorityDelta());
    }

    @Test
    void weightsMoveTheEffectivePriorityWithinOneTo254()
    {
        final VrrpScriptTracker plus = new VrrpScriptTracker(20, 1, 1, true);
        final VrrpScriptTracker minus = new VrrpScriptTracker(-60, 1, 1, true);
        final VrrpScriptTracker[] scripts = {plus, minus};
        assertEquals(120, VrrpScriptTracker.effectivePriority(100, scripts));
        minus.onResult(false);
        assertEquals(60, VrrpScriptTracker.effectivePriority(100, scripts));
        plus.onResult(false);
        assertEquals(40, VrrpScriptTracker.effectivePriority(100, scripts));
        assertEquals(1, VrrpScriptTracker.effectivePriority(30, scripts));
        minus.onResult(true);
        plus.onResult(true);
        assertEquals(254, VrrpScriptTracker.effectivePriority(250, scripts));
        minus.onResult(false);
        assertEquals(255, VrrpScriptTracker.effectivePriority(255, scripts), "the owner is not tracked");
    }

    @Test
    void weightZeroScriptOrDownInterfaceMeansFault()
    {
        final VrrpScriptTracker zero = new VrrpScriptTracker(0, 1, 1, true);
        final VrrpScriptTracker[] scripts = {zero};
        assertFalse(VrrpScriptTracker.faulted(scripts, new boolean[]{true, true}));
        assertTrue(VrrpScriptTracker.faulted(scripts, new boolean[]{true, false}));
        zero.onResult(false);
        assertTrue(VrrpScriptTracker.faulted(scripts, new boolean[]{true, true}));
        assertEquals(0, zero.priorityDelta());
    }
}
