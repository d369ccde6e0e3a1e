package org.jvs.forwarders.port;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetInterfacesTest
{
    @Test
    void macAddressesParseAndFormat()
    {
        assertEquals(0x02_6a_76_12_00_0bL, NetInterfaces.parseMac("02:6a:76:12:00:0b"));
        assertEquals(0xff_ff_ff_ff_ff_ffL, NetInterfaces.parseMac("FF:FF:FF:FF:FF:FF"));
        assertEquals("02:6a:76:12:00:0b", NetInterfaces.formatMac(0x02_6a_76_12_00_0bL));
        assertEquals("00:00:00:00:00:00", NetInterfaces.formatMac(0));
    }

    @Test
    void badMacAddressesAreNamed()
    {
        assertEquals("'02:6a:76' is not a MAC address (want aa:bb:cc:dd:ee:ff)",
            assertThrows(IllegalArgumentException.class, () -> NetInterfaces.parseMac("02:6a:76")).getMessage());
        assertEquals("'02:6a:76:12:00:zz' is not a MAC address: 'zz'",
            assertThrows(IllegalArgumentException.class, () -> NetInterfaces.parseMac("02:6a:76:12:00:zz"))
                .getMessage());
    }

    @Test
    void loopbackIsReadFromSys()
    {
        assertEquals(0, NetInterfaces.macAddress("lo"));
        assertEquals(65536, NetInterfaces.mtu("lo"));
    }

    @Test
    void aMissingInterfaceIsNamed()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Pcap4jPort.open("jvs-nosuch0", "udp"));
        assertTrue(ex.getMessage().startsWith("no network interface 'jvs-nosuch0' here"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NetInterfaces.mtu("../../etc"));
    }
}
