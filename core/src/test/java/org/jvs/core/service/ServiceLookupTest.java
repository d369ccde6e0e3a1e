package org.jvs.core.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ServiceLookupTest
{
    private static VirtualService service(final int protocol, final String vip, final int port)
    {
        return new VirtualService(ServiceKey.of(protocol, InetAddr.parse(vip), port), new RecordingScheduler(), 0);
    }

    @Test
    void findsExactServiceThenPortZeroThenNothing()
    {
        final VirtualService http = service(ServiceKey.TCP, "198.18.0.100", 80);
        final VirtualService any = service(ServiceKey.TCP, "198.18.0.100", 0);
        final VirtualService dns = service(ServiceKey.UDP, "198.18.0.100", 53);
        final ServiceLookup lookup = new ServiceLookup(List.of(http, any, dns));
        final int vip = InetAddr.parse("198.18.0.100").ipv4();
        assertSame(http, lookup.findIpv4(ServiceKey.TCP, vip, 80));
        assertSame(any, lookup.findIpv4(ServiceKey.TCP, vip, 443));
        assertSame(dns, lookup.findIpv4(ServiceKey.UDP, vip, 53));
        assertNull(lookup.findIpv4(ServiceKey.UDP, vip, 54));
        assertNull(lookup.findIpv4(ServiceKey.TCP, vip + 1, 80));
        assertTrue(lookup.isVipV4(vip));
        assertFalse(lookup.isVipV4(vip + 1));
    }

    @Test
    void findsIpv6Services()
    {
        final VirtualService v6 = service(ServiceKey.TCP, "2001:db8::100", 80);
        final ServiceLookup lookup = new ServiceLookup(List.of(v6));
        final InetAddr a = InetAddr.parse("2001:db8::100");
        assertSame(v6, lookup.findIpv6(ServiceKey.TCP, a.word(0), a.word(1), a.word(2), a.word(3), 80));
        assertNull(lookup.findIpv6(ServiceKey.TCP, a.word(0), a.word(1), a.word(2), a.word(3) + 1, 80));
    }

    @Test
    void manyServicesAllFound()
    {
        final List<VirtualService> services = new ArrayList<>();
        for (int i = 0; i < 1000; i++)
        {
            services.add(service(ServiceKey.TCP, "198.18." + (i / 250) + "." + (i % 250 + 1), 80 + i % 7));
        }
        final ServiceLookup lookup = new ServiceLookup(services);
        for (final VirtualService s : services)
        {
            assertSame(s, lookup.findIpv4(ServiceKey.TCP, s.key().address().ipv4(), s.key().port()));
        }
    }
}
