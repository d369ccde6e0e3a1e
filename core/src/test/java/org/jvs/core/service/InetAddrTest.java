package org.jvs.core.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InetAddrTest
{
    @Test
    void ipv4WordsAreHostOrderValues()
    {
        final InetAddr a = InetAddr.parse("198.18.0.1");
        assertEquals(0xC6120001, a.ipv4());
        assertEquals("198.18.0.1", a.toString());
        assertArrayEquals(new byte[] {(byte)198, 18, 0, 1}, a.bytes());
    }

    @Test
    void ipv6PrintsCompressedAndFoldsLikeIpvs()
    {
        final InetAddr a = InetAddr.parse("2001:db8::1:0:0:1");
        assertEquals("2001:db8::1:0:0:1", a.toString());
        assertEquals(0x20010db8 ^ 0 ^ 0x00010000 ^ 0x00000001, a.fold());
        assertEquals("::1", InetAddr.parse("::1").toString());
        assertEquals("fe80::", InetAddr.parse("fe80::").toString());
    }

    @Test
    void namesAreNotLookedUp()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> InetAddr.parse("localhost"));
        assertEquals("not a numeric IP address: localhost", ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InetAddr.parse("198.18.0.256"));
        assertThrows(IllegalArgumentException.class, () -> InetAddr.parse("198.18.0"));
    }
}
