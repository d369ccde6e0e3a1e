package org.jvs.schedulers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * hash_32 against hand-checked values, SipHash-2-4 against the reference vectors of the SipHash authors
 * (github.com/veorq/SipHash, also in the kernel's {@code lib/tests/siphash_kunit.c}), and the kernel's 64-bit
 * {@code hsiphash} against the kernel's own vectors for {@code BITS_PER_LONG == 64}.
 */
class IpvsHashTest
{
    /** Key bytes 00..0f. */
    private static final long K0 = 0x0706050403020100L;
    private static final long K1 = 0x0f0e0d0c0b0a0908L;

    private static final long[] SIPHASH_2_4 = {
        0x726fdb47dd0e0e31L, 0x74f839c593dc67fdL, 0x0d6c8009d9a94f5aL, 0x85676696d7fb7e2dL,
        0xcf2794e0277187b7L, 0x18765564cd99a68dL, 0xcbc9466e58fee3ceL, 0xab0200f58b01d137L,
        0x93f5f5799a932462L, 0x9e0082df0ba9e4b0L, 0x7a5dbbc594ddb9f3L, 0xf4b32f46226bada7L,
        0x751e8fbc860ee5fbL, 0x14ea5627c0843d90L, 0xf723ca908e7af2eeL, 0xa129ca6149be45e5L,
        0x3f2acc7f57c29bdbL, 0x699ae9f52cbe4794L, 0x4bc1b3f0968dd39cL, 0xbb6dc91da77961bdL,
        0xbed65cf21aa2ee98L, 0xd0f2cbb02e3b67c7L, 0x93536795e3a33e88L, 0xa80c038ccd5ccec8L,
        0xb8ad50c6f649af94L, 0xbce192de8a85b8eaL, 0x17d835b85bbb15f3L, 0x2f2e6163076bcfadL,
        0xde4daaaca71dc9a5L, 0xa6a2506687956571L, 0xad87a3535c49ef28L, 0x32d892fad841c342L,
        0x7127512f72f27cceL, 0xa7f32346f95978e3L, 0x12e0b01abb051238L, 0x15e034d40fa197aeL,
        0x314dffbe0815a3b4L, 0x027990f029623981L, 0xcadcd4e59ef40c4dL, 0x9abfd8766a33735cL,
        0x0e3ea96b5304a7d0L, 0xad0c42d6fc585992L, 0x187306c89bc215a9L, 0xd4a60abcf3792b95L,
        0xf935451de4f21df2L, 0xa9538f0419755787L, 0xdb9acddff56ca510L, 0xd06c98cd5c0975ebL,
        0xe612a3cb9ecba951L, 0xc766e62cfcadaf96L, 0xee64435a9752fe72L, 0xa192d576b245165aL,
        0x0a8787bf8ecb74b2L, 0x81b3e73d20b49b6fL, 0x7fa8220ba3b2eceaL, 0x245731c13ca42499L,
        0xb78dbfaf3a8d83bdL, 0xea1ad565322a1a0bL, 0x60e61c23a3795013L, 0x6606d7e446282b93L,
        0x6ca4ecb15c5f91e1L, 0x9f626da15c9625f3L, 0xe51b38608ef25f57L, 0x958a324ceb064572L,
    };

    private static final int[] HSIPHASH_64BIT = {
        0x050fc4dc, 0x7d57ca93, 0x4dc7d44d, 0xe7ddf7fb, 0x88d38328, 0x49533b67, 0xc59f22a7, 0x9bb11140,
        0x8d299a8e, 0x6c063de4, 0x92ff097f, 0xf94dc352, 0x57b4d9a2, 0x1229ffa7, 0xc0f95d34, 0x2a519956,
        0x7d908b66, 0x63dbd80c, 0xb473e63e, 0x8d297d1c, 0xa6cce040, 0x2b45f844, 0xa320872e, 0xdae6c123,
        0x67349c8c, 0x705b0979, 0xca9913a5, 0x4ade3b35, 0xef6cd00d, 0x4ab1e1f4, 0x43c5e663, 0x8c21d1bc,
        0x16a7b60d, 0x7a8ff9bf, 0x1f2a753e, 0xbf186b91, 0xada26206, 0xa3c33057, 0xae3a36a1, 0x7b108392,
        0x99e41531, 0x3f1ad944, 0xc8138825, 0xc28949a6, 0xfaf8876b, 0x9f042196, 0x68b1d623, 0x8b5114fd,
        0xdf074c46, 0x12cc86b3, 0x0a52098f, 0x9d292f9a, 0xa2f41f12, 0x43a71ed0, 0x73f0bce6, 0x70a7e980,
        0x243c6d75, 0xfdb71513, 0xa67d8a08, 0xb7e8f148, 0xf7a644ee, 0x0f1837f2, 0x4b6694e0, 0xb7bbb3a8,
    };

    @Test
    void hash32MatchesHandCheckedValues()
    {
        assertEquals(0, IpvsHash.hash32(0, 8));
        assertEquals(0x61, IpvsHash.hash32(1, 8), "1 * 0x61C88647, top 8 bits");
        assertEquals(0x9E3779B9, IpvsHash.hash32(0xFFFFFFFF, 32), "-0x61C88647 mod 2^32");
        assertEquals(0x61C88647 >>> 22, IpvsHash.hash32(1, 10));
        // 198.18.0.1 = 0xC6120001; 0xC6120001 * 0x61C88647 mod 2^32 = 0xBC...: top byte 188
        assertEquals(188, IpvsHash.hash32(0xC6120001, 8));
        assertEquals(755, IpvsHash.hash32(0xC6120001, 10));
    }

    @Test
    void sipHash24MatchesReferenceVectors()
    {
        final byte[] input = new byte[64];
        for (int i = 0; i < 64; i++)
        {
            input[i] = (byte)i;
        }
        for (int length = 0; length < 64; length++)
        {
            assertEquals(SIPHASH_2_4[length], IpvsHash.sipHash(input, length, K0, K1, 2, 4), "length " + length);
        }
    }

    @Test
    void hsiphashMatchesKernelVectorsFor64BitKernels()
    {
        final byte[] input = new byte[64];
        for (int i = 0; i < 64; i++)
        {
            input[i] = (byte)i;
        }
        for (int length = 0; length < 64; length++)
        {
            final int hash = (int)IpvsHash.sipHash(input, length, K0, K1, 1, 3);
            assertEquals(HSIPHASH_64BIT[length], hash, "length " + length);
        }
    }

    @Test
    void hsiphashOfOneWordIsTheKernelsHsiphash1u32()
    {
        // hsiphash_1u32(0x03020100, key) is the vector for the 4-byte input 00 01 02 03
        assertEquals(HSIPHASH_64BIT[4], IpvsHash.hsiphash32(0x03020100, K0, K1));
        final byte[] word = new byte[4];
        for (int value = -1000; value < 1000; value += 7)
        {
            word[0] = (byte)value;
            word[1] = (byte)(value >>> 8);
            word[2] = (byte)(value >>> 16);
            word[3] = (byte)(value >>> 24);
            assertEquals((int)IpvsHash.sipHash(word, 4, 2654435761L, 2654435761L, 1, 3),
                IpvsHash.hsiphash32(value, 2654435761L, 2654435761L), "value " + value);
        }
    }
}
