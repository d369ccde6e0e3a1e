package org.jvs.director.vrrp;

import org.agrona.concurrent.UnsafeBuffer;
import org.jvs.core.packet.EthernetFlyweight;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VrrpAdvertCodecTest
{
    static final long MAC = 0x0250_5600_0001L;
    /** 198.18.0.1. */
    static final int SELF = 0xC6120001;
    static final int VIP1 = 0xC6120064;
    static final int VIP2 = 0xC6120065;

    /**
     * v2, VRID 51, priority 150, PASS "secret", 1 s, VIPs 198.18.0.100 and .101, IP id 1; bytes checked against
     * scapy by {@link VrrpScapySystemTest}:
     * {@code Ether(dst='01:00:5e:00:00:12',src='02:50:56:00:00:01')/IP(src='198.18.0.1',dst='224.0.0.18',ttl=255,
     * tos=0xc0,id=1,proto=112)/VRRP(vrid=51,priority=150,authtype=1,adv=1,addrlist=[...],auth1=..,auth2=..)}.
     */
    static VrrpSettings v2Settings()
    {
        return new VrrpSettings(2, 51, 150, 100, true, 0, "secret".getBytes(), SELF, new int[]{VIP1, VIP2},
            0, 5, false);
    }

    static VrrpSettings v3Settings()
    {
        return new VrrpSettings(3, 51, 150, 75, true, 0, null, SELF, new int[]{VIP1, VIP2}, 0, 5, true);
    }

    @Test
    void v2AdvertRoundTrips()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final VrrpAdvertCodec codec = new VrrpAdvertCodec();
        final int length = codec.build(buffer, 0, v2Settings(), 150, MAC, 1);
        assertEquals(14 + 20 + 8 + 8 + 8, length);
        assertEquals(VrrpAdvertCodec.VRRP_GROUP_MAC, new EthernetFlyweight().wrap(buffer, 0).destinationMac());
        assertEquals(MAC, new EthernetFlyweight().wrap(buffer, 0).sourceMac());
        final VrrpAdvert advert = new VrrpAdvert();
        assertTrue(codec.parseIpv4(buffer, 14, length - 14, "secret".getBytes(), advert));
        assertEquals(2, advert.version());
        assertEquals(51, advert.virtualRouterId());
        assertEquals(150, advert.priority());
        assertEquals(100, advert.advertIntervalCs());
        assertEquals(SELF, advert.sourceAddress());
        assertEquals(255, advert.ttl());
        assertEquals(2, advert.addressCount());
        assertTrue(advert.authOk());
        assertTrue(codec.parseIpv4(buffer, 14, length - 14, "Secret".getBytes(), advert));
        assertFalse(advert.authOk(), "wrong password");
        assertTrue(codec.parseIpv4(buffer, 14, length - 14, null, advert));
        assertFalse(advert.authOk(), "PASS sent, none expected");
    }

    @Test
    void v3AdvertRoundTripsWithVirtualMacAndPseudoHeaderChecksum()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final VrrpAdvertCodec codec = new VrrpAdvertCodec();
        final int length = codec.build(buffer, 0, v3Settings(), 150, MAC, 7);
        assertEquals(14 + 20 + 8 + 8, length);
        assertEquals(0x0000_5E00_0133L, new EthernetFlyweight().wrap(buffer, 0).sourceMac());
        final VrrpAdvert advert = new VrrpAdvert();
        assertTrue(codec.parseIpv4(buffer, 14, length - 14, null, advert));
        assertEquals(3, advert.version());
        assertEquals(75, advert.advertIntervalCs());
        buffer.putByte(14 + 12, (byte)0xC7);
        assertFalse(codec.parseIpv4(buffer, 14, length - 14, null, advert), "source changed: pseudo-header sum");
        assertEquals(1, codec.checksumDrops());
    }

    @Test
    void corruptOrShortAdvertsAreCounted()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final VrrpAdvertCodec codec = new VrrpAdvertCodec();
        final int length = codec.build(buffer, 0, v2Settings(), 150, MAC, 1);
        final VrrpAdvert advert = new VrrpAdvert();
        assertFalse(codec.parseIpv4(buffer, 14, length - 15, null, advert));
        assertEquals(1, codec.malformed());
        buffer.putByte(length - 1, (byte)1);
        assertFalse(codec.parseIpv4(buffer, 14, length - 14, null, advert));
        assertEquals(1, codec.checksumDrops());
    }

    @Test
    void parsedAdvertDrivesTheStateMachine()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final VrrpAdvertCodec codec = new VrrpAdvertCodec();
        final VrrpSettings peer = new VrrpSettings(2, 51, 200, 100, true, 0, "secret".getBytes(), 0xC6120002,
            new int[]{VIP1, VIP2}, 0, 5, false);
        final int length = codec.build(buffer, 0, peer, 200, MAC, 1);
        final VrrpInstance self = new VrrpInstance(v2Settings());
        self.start(0);
        final VrrpAdvert advert = new VrrpAdvert();
        assertTrue(codec.parseIpv4(buffer, 14, length - 14, self.settings().password(), advert));
        self.onAdvert(advert, 1_000_000_000L);
        assertEquals(1, self.accepted());
        assertEquals(1_000_000_000L + self.masterDownIntervalNs(), self.nextDeadlineNs());
    }
}
