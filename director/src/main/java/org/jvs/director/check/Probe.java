package org.jvs.director.check;

import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * One attempt of one checker, driven by the {@link HealthChecker} agent without blocking: {@link #start}, then
 * {@link #onReady} for its selection key and {@link #poll} every duty cycle until {@link #done}.
 */
abstract class Probe
{
    private boolean done;
    private String failure;
    private int dynamicWeight = -1;

    /**
     * Begin the attempt; never throws (a failure to begin ends the attempt with its reason).
     *
     * @param selector the agent's selector.
     * @param nowNs    now.
     */
    abstract void start(Selector selector, long nowNs);

    /**
     * @param key   this probe's key, ready.
     * @param nowNs now.
     */
    void onReady(final SelectionKey key, final long nowNs)
    {
    }

    /**
     * Check deadlines and anything not driven by the selector.
     *
     * @param nowNs now.
     */
    abstract void poll(long nowNs);

    /**
     * Release what the attempt holds (channel, process).
     */
    abstract void cancel();

    final void succeed()
    {
        if (!done)
        {
            done = true;
            cancel();
        }
    }

    final void succeed(final int weight)
    {
        dynamicWeight = weight;
        succeed();
    }

    final void fail(final String reason)
    {
        if (!done)
        {
            failure = reason;
            done = true;
            cancel();
        }
    }

    final boolean done()
    {
        return done;
    }

    /**
     * @return null after a success, else why it failed.
     */
    final String failure()
    {
        return failure;
    }

    /**
     * @return the weight a MISC_CHECK with misc_dynamic asked for, -1 for none.
     */
    final int dynamicWeight()
    {
        return dynamicWeight;
    }
}
