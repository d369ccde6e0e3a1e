package org.jvs.schedulers;

/**
 * The hash functions IPVS's hashing schedulers use, bit for bit, so that a client maps to the same real server
 * under jvs as under a kernel director with the same configuration:
 * <ul>
 *     <li>{@code hash_32(val, bits)} of {@code include/linux/hash.h} (sh, dh, lblc, lblcr);</li>
 *     <li>SipHash-2-4 and the kernel's {@code hsiphash} as built on 64-bit kernels, which is SipHash-1-3 over
 *     64-bit words with a 128-bit key, truncated to 32 bits ({@code lib/siphash.c}; mh).</li>
 * </ul>
 * Integer arithmetic only. {@link #hash32} and {@link #hsiphash32} allocate nothing (packet path);
 * {@link #sipHash} is the general reference form, for tests and the control plane.
 */
public final class IpvsHash
{
    /** {@code GOLDEN_RATIO_32} of {@code include/linux/hash.h}. */
    public static final int GOLDEN_RATIO_32 = 0x61C88647;

    private static final long C0 = 0x736f6d6570736575L;
    private static final long C1 = 0x646f72616e646f6dL;
    private static final long C2 = 0x6c7967656e657261L;
    private static final long C3 = 0x7465646279746573L;

    private IpvsHash()
    {
    }

    /**
     * {@code hash_32(val, bits)}: multiply by {@link #GOLDEN_RATIO_32} on 32 bits, keep the top {@code bits}.
     *
     * @param value 32-bit value (unsigned in C).
     * @param bits  1..32.
     * @return a value in {@code [0, 2^bits)}.
     */
    public static int hash32(final int value, final int bits)
    {
        return (value * GOLDEN_RATIO_32) >>> (32 - bits);
    }

    /**
     * The kernel's {@code hsiphash(&v, 4, key)} on a 64-bit little-endian kernel (x86-64, arm64): SipHash-1-3
     * of the four bytes of {@code v} in little-endian order, key words {@code k0}, {@code k1}, result truncated
     * to 32 bits. Equal to {@code hsiphash_1u32(v, key)}.
     *
     * @param value the 32-bit value (a C {@code unsigned int} in memory).
     * @param k0    {@code key->key[0]}.
     * @param k1    {@code key->key[1]}.
     * @return the 32-bit hash (unsigned in C).
     */
    public static int hsiphash32(final int value, final long k0, final long k1)
    {
        long v0 = C0 ^ k0;
        long v1 = C1 ^ k1;
        long v2 = C2 ^ k0;
        long v3 = C3 ^ k1;
        final long b = (4L << 56) | (value & 0xFFFF_FFFFL);

        v3 ^= b;
        for (int round = 0; round < 4; round++)
        {
            v0 += v1;
            v1 = Long.rotateLeft(v1, 13) ^ v0;
            v0 = Long.rotateLeft(v0, 32);
            v2 += v3;
            v3 = Long.rotateLeft(v3, 16) ^ v2;
            v0 += v3;
            v3 = Long.rotateLeft(v3, 21) ^ v0;
            v2 += v1;
            v1 = Long.rotateLeft(v1, 17) ^ v2;
            v2 = Long.rotateLeft(v2, 32);
            if (round == 0)
            {
                // one compression round over the last (only) block, then three finalisation rounds
                v0 ^= b;
                v2 ^= 0xFF;
            }
        }
        return (int)(v0 ^ v1 ^ v2 ^ v3);
    }

    /**
     * SipHash-c-d of a byte range (reference form, for tests and the control plane).
     * {@code sipHash(data, len, k0, k1, 2, 4)} is SipHash-2-4 (the kernel's {@code siphash});
     * {@code (int)sipHash(data, len, k0, k1, 1, 3)} is the 64-bit kernel's {@code hsiphash}.
     *
     * @param data            message bytes.
     * @param length          bytes of {@code data} to hash, from index 0.
     * @param k0              first key word (bytes 0..7 of the key, little-endian).
     * @param k1              second key word (bytes 8..15).
     * @param compressionRounds c: rounds per message word.
     * @param finalRounds     d: rounds at finalisation.
     * @return the 64-bit hash.
     */
    public static long sipHash(
        final byte[] data, final int length, final long k0, final long k1, final int compressionRounds,
        final int finalRounds)
    {
        final long[] v = {C0 ^ k0, C1 ^ k1, C2 ^ k0, C3 ^ k1};
        final int whole = length - (length & 7);
        for (int offset = 0; offset < whole; offset += 8)
        {
            final long m = littleEndian(data, offset, 8);
            v[3] ^= m;
            rounds(v, compressionRounds);
            v[0] ^= m;
        }
        final long b = ((long)length << 56) | littleEndian(data, whole, length & 7);
        v[3] ^= b;
        rounds(v, compressionRounds);
        v[0] ^= b;
        v[2] ^= 0xFF;
        rounds(v, finalRounds);
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static long littleEndian(final byte[] data, final int offset, final int count)
    {
        long value = 0;
        for (int i = count - 1; i >= 0; i--)
        {
            value = (value << 8) | (data[offset + i] & 0xFF);
        }
        return value;
    }

    private static void rounds(final long[] v, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            v[0] += v[1];
            v[1] = Long.rotateLeft(v[1], 13) ^ v[0];
            v[0] = Long.rotateLeft(v[0], 32);
            v[2] += v[3];
            v[3] = Long.rotateLeft(v[3], 16) ^ v[2];
            v[0] += v[3];
            v[3] = Long.rotateLeft(v[3], 21) ^ v[0];
            v[2] += v[1];
            v[1] = Long.rotateLeft(v[1], 17) ^ v[2];
            v[2] = Long.rotateLeft(v[2], 32);
        }
    }
}
