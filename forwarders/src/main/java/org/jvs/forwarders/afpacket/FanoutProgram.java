package org.jvs.forwarders.afpacket;

import org.agrona.MutableDirectBuffer;
import org.jvs.core.conn.FlowShard;

/**
 * The classic BPF program a steered PACKET_FANOUT group runs on each frame to pick the member socket: it
 * computes {@link FlowShard#mix4} of the frame's client side, and the kernel takes the result modulo the number
 * of sockets in the group, which join in worker order, so the frame lands in the ring of the worker that owns
 * its connection. The client side is the source of a TCP/UDP packet to a VIP and the destination of any other
 * (a NAT reply), as {@link FlowShard} defines it. Everything else (ARP, ICMP, later fragments, IPv6) goes to
 * socket 0, whose worker hands it on.
 * <p>
 * Loads are relative to the network header (SKF_NET_OFF) and the EtherType is the kernel's
 * ({@code skb->protocol}, after a VLAN tag was taken off), so the program reads the same bytes on receive and
 * on the transmit tap. VIPs are tested one by one (two instructions each); above {@link #MAX_VIPS} the program
 * skips the test and takes every frame's source as the client (right for DR and TUN, where no replies pass).
 */
final class FanoutProgram
{
    /** Most VIPs tested in the program (BPF_MAXINSNS is 4096). */
    static final int MAX_VIPS = 2000;
    /** Bytes of one struct sock_filter. */
    static final int INSTRUCTION_LENGTH = 8;

    private static final int BPF_LD = 0x00;
    private static final int BPF_LDX = 0x01;
    private static final int BPF_ST = 0x02;
    private static final int BPF_ALU = 0x04;
    private static final int BPF_JMP = 0x05;
    private static final int BPF_RET = 0x06;
    private static final int BPF_MISC = 0x07;
    private static final int BPF_W = 0x00;
    private static final int BPF_H = 0x08;
    private static final int BPF_B = 0x10;
    private static final int BPF_ABS = 0x20;
    private static final int BPF_IND = 0x40;
    private static final int BPF_MEM = 0x60;
    private static final int BPF_MSH = 0xa0;
    private static final int BPF_MUL = 0x20;
    private static final int BPF_RSH = 0x70;
    private static final int BPF_XOR = 0xa0;
    private static final int BPF_X = 0x08;
    private static final int BPF_JA = 0x00;
    private static final int BPF_JEQ = 0x10;
    private static final int BPF_JSET = 0x40;
    private static final int BPF_A = 0x10;
    private static final int BPF_TAX = 0x00;
    private static final int SKF_AD_PROTOCOL = -0x1000;
    private static final int SKF_NET_OFF = -0x100000;
    private static final int ETH_P_IP = 0x0800;

    private FanoutProgram()
    {
    }

    /**
     * @param vips the VIPs, host order.
     * @param seed {@link FlowShard#seed32()}.
     * @return the program as struct sock_filter values: {@code code | jt << 16 | jf << 24 | k << 32}.
     */
    static long[] build(final int[] vips, final int seed)
    {
        final int tested = vips.length <= MAX_VIPS ? vips.length : 0;
        final boolean allRequests = vips.length > MAX_VIPS;
        final long[] p = new long[28 + 2 * tested];
        int i = 0;
        p[i++] = insn(BPF_LD | BPF_W | BPF_ABS, 0, 0, SKF_AD_PROTOCOL);
        p[i++] = insn(BPF_JMP | BPF_JEQ, 0, 7, ETH_P_IP);                       // 1: not IPv4 -> 9
        p[i++] = insn(BPF_LD | BPF_B | BPF_ABS, 0, 0, SKF_NET_OFF + 9);         // 2: protocol
        p[i++] = insn(BPF_JMP | BPF_JEQ, 1, 0, 6);                              // 3: TCP -> 5
        p[i++] = insn(BPF_JMP | BPF_JEQ, 0, 4, 17);                             // 4: not UDP -> 9
        p[i++] = insn(BPF_LD | BPF_H | BPF_ABS, 0, 0, SKF_NET_OFF + 6);         // 5: flags, fragment offset
        p[i++] = insn(BPF_JMP | BPF_JSET, 2, 0, 0x1fff);                        // 6: later fragment -> 9
        p[i++] = insn(BPF_LDX | BPF_B | BPF_MSH, 0, 0, SKF_NET_OFF);            // 7: X = IP header length
        p[i++] = insn(BPF_JMP | BPF_JA, 0, 0, 1);                               // 8: -> 10
        p[i++] = insn(BPF_RET, 0, 0, 0);                                        // 9: socket 0
        p[i++] = insn(BPF_LD | BPF_W | BPF_ABS, 0, 0, SKF_NET_OFF + 16);        // 10: destination address
        final int vipTests = i;
        final int reply = vipTests + 2 * tested;
        final int request = reply + 4;
        for (int v = 0; v < tested; v++)
        {
            p[i++] = insn(BPF_JMP | BPF_JEQ, 0, 1, vips[v]);
            p[i] = insn(BPF_JMP | BPF_JA, 0, 0, request - (i + 1));
            i++;
        }
        if (allRequests)
        {
            p[i++] = insn(BPF_JMP | BPF_JA, 0, 0, 3);                           // -> request
        }
        else
        {
            p[i++] = insn(BPF_LD | BPF_H | BPF_IND, 0, 0, SKF_NET_OFF + 2);     // reply: client port = dport
        }
        p[i++] = insn(BPF_ST, 0, 0, 0);
        p[i++] = insn(BPF_LD | BPF_W | BPF_ABS, 0, 0, SKF_NET_OFF + 16);        // client address = destination
        p[i++] = insn(BPF_JMP | BPF_JA, 0, 0, 3);                               // -> hash
        p[i++] = insn(BPF_LD | BPF_H | BPF_IND, 0, 0, SKF_NET_OFF);             // request: client port = sport
        p[i++] = insn(BPF_ST, 0, 0, 0);
        p[i++] = insn(BPF_LD | BPF_W | BPF_ABS, 0, 0, SKF_NET_OFF + 12);        // client address = source
        p[i++] = insn(BPF_ALU | BPF_XOR, 0, 0, seed);                           // hash: A = (ip ^ seed) * M1
        p[i++] = insn(BPF_ALU | BPF_MUL, 0, 0, FlowShard.MIX_MULTIPLIER_1);
        p[i++] = insn(BPF_MISC | BPF_TAX, 0, 0, 0);
        p[i++] = insn(BPF_LD | BPF_MEM, 0, 0, 0);                               // A = (port ^ A) * M2
        p[i++] = insn(BPF_ALU | BPF_XOR | BPF_X, 0, 0, 0);
        p[i++] = insn(BPF_ALU | BPF_MUL, 0, 0, FlowShard.MIX_MULTIPLIER_2);
        p[i++] = insn(BPF_MISC | BPF_TAX, 0, 0, 0);                             // A ^= A >>> 15
        p[i++] = insn(BPF_ALU | BPF_RSH, 0, 0, FlowShard.MIX_SHIFT);
        p[i++] = insn(BPF_ALU | BPF_XOR | BPF_X, 0, 0, 0);
        p[i++] = insn(BPF_RET | BPF_A, 0, 0, 0);
        if (i != p.length)
        {
            throw new IllegalStateException("fanout program: " + i + " instructions, expected " + p.length);
        }
        return p;
    }

    /**
     * Write a program as an array of struct sock_filter (native byte order).
     *
     * @param program what {@link #build} returned.
     * @param buffer  where to write, at least {@code program.length * 8} bytes.
     */
    static void write(final long[] program, final MutableDirectBuffer buffer)
    {
        for (int i = 0; i < program.length; i++)
        {
            final int at = i * INSTRUCTION_LENGTH;
            buffer.putShort(at, (short)code(program[i]));
            buffer.putByte(at + 2, (byte)jt(program[i]));
            buffer.putByte(at + 3, (byte)jf(program[i]));
            buffer.putInt(at + 4, k(program[i]));
        }
    }

    static int code(final long instruction)
    {
        return (int)(instruction & 0xffff);
    }

    static int jt(final long instruction)
    {
        return (int)((instruction >>> 16) & 0xff);
    }

    static int jf(final long instruction)
    {
        return (int)((instruction >>> 24) & 0xff);
    }

    static int k(final long instruction)
    {
        return (int)(instruction >>> 32);
    }

    private static long insn(final int code, final int jt, final int jf, final int k)
    {
        return (code & 0xffffL) | (long)(jt & 0xff) << 16 | (long)(jf & 0xff) << 24 | (k & 0xffff_ffffL) << 32;
    }
}
