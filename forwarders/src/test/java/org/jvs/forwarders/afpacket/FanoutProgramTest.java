package org.jvs.forwarders.afpacket;

import java.nio.ByteBuffer;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.jvs.core.conn.FlowShard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FanoutProgram} run by a small classic-BPF interpreter (the kernel's semantics for the instructions it
 * uses: unsigned 32-bit A and X, loads relative to the network header, forward jumps only) over IPv4 headers:
 * it returns {@link FlowShard#mix4} of the client side, so the kernel's member index (result mod N) is
 * {@link FlowShard#owner4}. The kernel itself is checked by AfPacketPortSystemTest.
 */
class FanoutProgramTest
{
    private static final int SEED = 0x5eed_1234;
    private static final int VIP = 0xC6120064;

    @Test
    void requestsGoByTheirSourceAndRepliesByTheirDestination()
    {
        final Random random = new Random(11);
        final long[] program = FanoutProgram.build(new int[] {0xC6120001, VIP, 0xC6120200}, SEED);
        for (int i = 0; i < 2_000; i++)
        {
            final int client = 0xC6130000 | random.nextInt(1 << 16);
            final int clientPort = random.nextInt(1 << 16);
            final int rip = 0xC6120100 | random.nextInt(256);
            final int protocol = random.nextBoolean() ? 6 : 17;
            final int request = run(program, 0x0800, ipv4(protocol, client, VIP, clientPort, 80, 0));
            final int reply = run(program, 0x0800, ipv4(protocol, rip, client, 80, clientPort, 0));
            assertEquals(FlowShard.mix4(SEED, client, clientPort), request);
            assertEquals(request, reply, "a NAT reply meets its request");
            assertEquals(Integer.remainderUnsigned(request, 3),
                Integer.remainderUnsigned(FlowShard.mix4(SEED, client, clientPort), 3));
        }
    }

    @Test
    void whatItCannotPlaceGoesToSocketZero()
    {
        final long[] program = FanoutProgram.build(new int[] {VIP}, SEED);
        assertEquals(0, run(program, 0x0806, ipv4(17, 1, VIP, 1, 2, 0)), "ARP");
        assertEquals(0, run(program, 0x86dd, ipv4(17, 1, VIP, 1, 2, 0)), "IPv6");
        assertEquals(0, run(program, 0x0800, ipv4(1, 1, VIP, 1, 2, 0)), "ICMP");
        assertEquals(0, run(program, 0x0800, ipv4(17, 1, VIP, 1, 2, 185)), "a later fragment");
        assertEquals(FlowShard.mix4(SEED, 1, 1), run(program, 0x0800, ipv4(17, 1, VIP, 1, 2, 0)));
    }

    @Test
    void aProgramForManyVipsStaysUnderTheKernelsLimit()
    {
        final int[] vips = new int[FanoutProgram.MAX_VIPS];
        for (int i = 0; i < vips.length; i++)
        {
            vips[i] = 0xC6120000 + i;
        }
        final long[] program = FanoutProgram.build(vips, SEED);
        assertTrue(program.length <= 4096, program.length + " instructions");
        final int last = vips[vips.length - 1];
        assertEquals(FlowShard.mix4(SEED, 0xC6130001, 999),
            run(program, 0x0800, ipv4(6, 0xC6130001, last, 999, 80, 0)));
        final int[] tooMany = new int[FanoutProgram.MAX_VIPS + 1];
        final long[] fallback = FanoutProgram.build(tooMany, SEED);
        assertEquals(FlowShard.mix4(SEED, 0xC6130001, 999),
            run(fallback, 0x0800, ipv4(6, 0xC6130001, 7, 999, 80, 0)), "beyond the limit: placed by the source");
    }

    private static UnsafeBuffer ipv4(
        final int protocol, final int source, final int destination, final int sourcePort, final int destinationPort,
        final int fragmentOffset)
    {
        final UnsafeBuffer b = new UnsafeBuffer(ByteBuffer.allocate(40));
        b.putByte(0, (byte)0x45);
        b.putShort(6, (short)fragmentOffset, java.nio.ByteOrder.BIG_ENDIAN);
        b.putByte(9, (byte)protocol);
        b.putInt(12, source, java.nio.ByteOrder.BIG_ENDIAN);
        b.putInt(16, destination, java.nio.ByteOrder.BIG_ENDIAN);
        b.putShort(20, (short)sourcePort, java.nio.ByteOrder.BIG_ENDIAN);
        b.putShort(22, (short)destinationPort, java.nio.ByteOrder.BIG_ENDIAN);
        return b;
    }

    /**
     * Classic BPF, as the kernel runs it, for the instructions FanoutProgram emits; network-offset loads only.
     */
    private static int run(final long[] program, final int etherType, final UnsafeBuffer net)
    {
        int a = 0;
        int x = 0;
        final int[] mem = new int[16];
        for (int pc = 0; pc < program.length; pc++)
        {
            final long insn = program[pc];
            final int code = FanoutProgram.code(insn);
            final int k = FanoutProgram.k(insn);
            switch (code)
            {
                case 0x20 -> a = k == -0x1000 ? etherType : net.getInt(k + 0x100000, java.nio.ByteOrder.BIG_ENDIAN);
                case 0x28 -> a = net.getShort(k + 0x100000, java.nio.ByteOrder.BIG_ENDIAN) & 0xffff;
                case 0x30 -> a = net.getByte(k + 0x100000) & 0xff;
                case 0x48 -> a = net.getShort(x + k + 0x100000, java.nio.ByteOrder.BIG_ENDIAN) & 0xffff;
                case 0xb1 -> x = (net.getByte(k + 0x100000) & 0xf) * 4;
                case 0x02 -> mem[k] = a;
                case 0x60 -> a = mem[k];
                case 0x07 -> x = a;
                case 0xa4 -> a ^= k;
                case 0xac -> a ^= x;
                case 0x24 -> a *= k;
                case 0x74 -> a >>>= k;
                case 0x05 -> pc += k;
                case 0x15 -> pc += a == k ? FanoutProgram.jt(insn) : FanoutProgram.jf(insn);
                case 0x45 -> pc += (a & k) != 0 ? FanoutProgram.jt(insn) : FanoutProgram.jf(insn);
                case 0x06 -> {
                    return k;
                }
                case 0x16 -> {
                    return a;
                }
                default -> throw new AssertionError("instruction " + Integer.toHexString(code) + " at " + pc);
            }
        }
        throw new AssertionError("fell off the end");
    }
}
