package org.jvs.director.runtime;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvs.core.service.DestSpec;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.ServiceSpec;
import org.jvs.core.service.ServiceTable;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the nftables table hides from the kernel: every IPv4 VIP; NAT real servers by address, protocol and
 * port (DR and TUN real servers answer clients directly, fwmark services have no protocol to name).
 */
class KernelFilterTest
{
    @Test
    void vipsAndNatRealServersOnly()
    {
        final ServiceTable table = new ServiceTable(1, List.of(
            new ServiceSpec(ServiceKey.of(ServiceKey.TCP, InetAddr.parse("198.18.0.100"), 80), "rr", 0, 0, -1,
                List.of(dest("198.18.1.11", 8080, ForwardMethod.MASQ), dest("198.18.1.12", 80, ForwardMethod.ROUTE))),
            new ServiceSpec(ServiceKey.of(ServiceKey.UDP, InetAddr.parse("198.18.0.101"), 53), "rr", 0, 0, -1,
                List.of(dest("198.18.1.13", 53, ForwardMethod.MASQ))),
            new ServiceSpec(ServiceKey.ofFwmark(7, InetAddr.AF_INET), "rr", 0, 0, -1,
                List.of(dest("198.18.1.14", 0, ForwardMethod.MASQ)))));
        assertEquals("add element netdev jvs_director vips { 198.18.0.100, 198.18.0.101 }\n" +
            "add element netdev jvs_director nat_reals { 198.18.1.11 . tcp . 8080, 198.18.1.13 . udp . 53 }\n",
            KernelFilter.elements(table));
        assertEquals("", KernelFilter.elements(ServiceTable.EMPTY), "empty sets: no elements to add");
    }

    private static DestSpec dest(final String address, final int port, final ForwardMethod method)
    {
        return new DestSpec(InetAddr.parse(address), port, method, 1, 0, 0);
    }
}
