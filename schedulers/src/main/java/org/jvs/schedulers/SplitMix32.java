package org.jvs.schedulers;

/**
 * A small deterministic random number generator (SplitMix64, 32 bits taken from each output): seedable, so
 * scheduler tests and {@code jvs schedsim} runs repeat exactly. Stands in for the kernel's
 * {@code prandom_u32()}/{@code get_random_u32()}: the distribution is the same, the sequence is not.
 */
final class SplitMix32
{
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    SplitMix32(final long seed)
    {
        this.state = seed;
    }

    /**
     * @return the next value, uniform over 0 .. 2^32 − 1.
     */
    long nextU32()
    {
        state += GOLDEN_GAMMA;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return z >>> 32;
    }
}
