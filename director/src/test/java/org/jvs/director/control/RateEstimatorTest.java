package org.jvs.director.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateEstimatorTest
{
    @Test
    void movesAQuarterOfTheWayEachIntervalWithTheKernelsScales()
    {
        final RateEstimator estimator = new RateEstimator();
        final Counters rates = new Counters();
        // 1000 connections and 2000 bytes in the first 2 s interval: 500/s and 1000 B/s.
        estimator.sample(1000, 1000, 0, 2000, 0);
        estimator.read(rates);
        assertEquals(125, rates.cps(), "(1000 << 9) / 4, read as (x + 0x1FF) >> 10");
        assertEquals(125, rates.inPps());
        assertEquals(250, rates.inBps(), "(2000 << 4) / 4, read as (x + 0xF) >> 5");
        long conns = 1000;
        long bytes = 2000;
        for (int i = 0; i < 40; i++)
        {
            conns += 1000;
            bytes += 2000;
            estimator.sample(conns, conns, 0, bytes, 0);
        }
        estimator.read(rates);
        assertEquals(500, rates.cps());
        assertEquals(1000, rates.inBps());
        assertEquals(0, rates.outPps());
        estimator.zero(0, 0, 0, 0, 0);
        estimator.read(rates);
        assertEquals(0, rates.cps());
        estimator.sample(200, 0, 0, 0, 0);
        assertEquals(25, estimator.read(rates).cps(), "after -Z the totals given are the new base");
    }
}
