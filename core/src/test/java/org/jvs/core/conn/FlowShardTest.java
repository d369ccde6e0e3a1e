package org.jvs.core.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;

class FlowShardTest
{
    /**
     * A request CIP:cport → VIP:vport and its NAT reply RIP:rport → CIP:cport go to the same worker: the
     * worker is computed from the request's source and the reply's destination.
     */
    @Test
    void requestAndNatReplyMapToTheSameWorker()
    {
        final Random random = new Random(7);
        final FlowShard shard = new FlowShard(4, 0x1234_5678L);
        final int[] perWorker = new int[4];
        for (int i = 0; i < 40_000; i++)
        {
            final int protocol = random.nextBoolean() ? ServiceKey.TCP : ServiceKey.UDP;
            final int cip = 0xC6120000 | random.nextInt(1 << 17);
            final int cport = 1024 + random.nextInt(64_000);
            final int vip = 0xC6120064;
            final int rip = 0xC6130000 | random.nextInt(256);
            // request: source CIP:cport, destination VIP:vport
            final int requestSource = cip;
            final int requestSourcePort = cport;
            // reply (NAT): source RIP:rport, destination CIP:cport
            final int replyDestination = cip;
            final int replyDestinationPort = cport;
            final int owner = shard.owner4(protocol, requestSource, requestSourcePort);
            assertEquals(owner, shard.owner4(protocol, replyDestination, replyDestinationPort),
                "reply from " + InetAddr.ipv4(rip) + " to " + InetAddr.ipv4(cip) + ":" + cport + " (VIP " +
                    InetAddr.ipv4(vip) + ")");
            perWorker[owner]++;
        }
        for (final int n : perWorker)
        {
            assertTrue(n > 9_000 && n < 11_000, "even spread over 4 workers: " + java.util.Arrays.toString(perWorker));
        }
    }

    @Test
    void ipv6AndSingleWorker()
    {
        final FlowShard one = new FlowShard(1, 99);
        final FlowShard three = new FlowShard(3, 99);
        final InetAddr cip = InetAddr.parse("2001:db8::1");
        final long hi = ConnectionTuple.hi(cip);
        final long lo = ConnectionTuple.lo(cip);
        assertEquals(0, one.owner(ServiceKey.TCP, InetAddr.AF_INET6, hi, lo, 40000));
        final int owner = three.owner(ServiceKey.TCP, InetAddr.AF_INET6, hi, lo, 40000);
        assertTrue(owner >= 0 && owner < 3);
        assertEquals(owner, new FlowShard(3, 99).owner(ServiceKey.TCP, InetAddr.AF_INET6, hi, lo, 40000),
            "same seed, same owner in every worker");
        assertThrows(IllegalArgumentException.class, () -> new FlowShard(0, 1));
    }
}
