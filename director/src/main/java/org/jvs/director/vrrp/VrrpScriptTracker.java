package org.jvs.director.vrrp;

/**
 * One {@code track_script}'s result arithmetic, as keepalived: the script is judged up after {@code rise}
 * consecutive successes and down after {@code fall} consecutive failures, from the state the caller starts it
 * in. Its effect on
 * the instance: weight &gt; 0 adds the weight while up, weight &lt; 0 adds it (lowering) while down, weight 0
 * puts the instance in FAULT while down.
 */
public final class VrrpScriptTracker
{
    private final int weight;
    private final int rise;
    private final int fall;
    private boolean up;
    private int successes;
    private int failures;

    /**
     * @param weight      -253..253.
     * @param rise        successes needed to go up, &gt;= 1.
     * @param fall        failures needed to go down, &gt;= 1.
     * @param initiallyUp state before any result.
     */
    public VrrpScriptTracker(final int weight, final int rise, final int fall, final boolean initiallyUp)
    {
        if (weight < -253 || weight > 253 || rise < 1 || fall < 1)
        {
            throw new IllegalArgumentException(
                "track_script needs weight -253..253, rise >= 1, fall >= 1: " + weight + " " + rise + " " + fall);
        }
        this.weight = weight;
        this.rise = rise;
        this.fall = fall;
        this.up = initiallyUp;
    }

    /**
     * @param success the script's exit status was 0.
     * @return true when this result changed up/down.
     */
    public boolean onResult(final boolean success)
    {
        if (success)
        {
            failures = 0;
            successes = Math.min(successes + 1, rise);
            if (!up && successes >= rise)
            {
                up = true;
                return true;
            }
        }
        else
        {
            successes = 0;
            failures = Math.min(failures + 1, fall);
            if (up && failures >= fall)
            {
                up = false;
                return true;
            }
        }
        return false;
    }

    public boolean up()
    {
        return up;
    }

    /**
     * @return what this script adds to the base priority now.
     */
    public int priorityDelta()
    {
        if (weight > 0)
        {
            return up ? weight : 0;
        }
        return up ? 0 : weight;
    }

    /**
     * @return true when this script puts the instance in FAULT (weight 0 and down).
     */
    public boolean faulted()
    {
        return weight == 0 && !up;
    }

    /**
     * The instance's effective priority and fault from its base priority, scripts and tracked interfaces.
     *
     * @param basePriority  configured priority (255 stays 255).
     * @param scripts       its track_script trackers.
     * @return the effective priority, clamped to 1..254 unless the owner.
     */
    public static int effectivePriority(final int basePriority, final VrrpScriptTracker[] scripts)
    {
        if (basePriority == 255)
        {
            return 255;
        }
        int priority = basePriority;
        for (final VrrpScriptTracker script : scripts)
        {
            priority += script.priorityDelta();
        }
        return Math.max(1, Math.min(254, priority));
    }

    /**
     * @param scripts          its track_script trackers.
     * @param interfacesUp     one flag per {@code track_interface}: true when up.
     * @return true when the instance must be in FAULT.
     */
    public static boolean faulted(final VrrpScriptTracker[] scripts, final boolean[] interfacesUp)
    {
        for (final boolean ifUp : interfacesUp)
        {
            if (!ifUp)
            {
                return true;
            }
        }
        for (final VrrpScriptTracker script : scripts)
        {
            if (script.faulted())
            {
                return true;
            }
        }
        return false;
    }
}
