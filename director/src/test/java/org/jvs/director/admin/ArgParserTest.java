package org.jvs.director.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.VirtualService;
import org.junit.jupiter.api.Test;

/**
 * popt's ways of writing options, as ipvsadm accepts them.
 */
class ArgParserTest
{
    private static Invocation parse(final String line)
    {
        return ArgParser.parse(line.split(" "));
    }

    @Test
    void clustersAttachedValuesLongFormsAndOptionalValues()
    {
        final Invocation a = parse("-At 198.18.0.1:80 -s rr -p600");
        assertEquals(AdminCommand.ADD, a.command);
        assertEquals(InetAddr.parse("198.18.0.1"), a.address);
        assertEquals(80, a.port);
        assertEquals(600, a.persistenceTimeoutS);

        final Invocation b = parse("--add-service --tcp-service=198.18.0.1:0 --persistent --scheduler wlc");
        assertEquals(VirtualService.DEFAULT_PERSISTENCE_TIMEOUT_S, b.persistenceTimeoutS);
        assertEquals(0, b.port);

        final Invocation c = parse("-a -t 198.18.0.1:80 -r 198.18.1.1:8080 -mw3 --u-threshold=9");
        assertEquals(ForwardMethod.MASQ, c.forwardMethod);
        assertEquals(3, c.weight);
        assertEquals(9, c.upperThreshold);
        assertEquals(8080, c.destPort, "NAT keeps the real port");

        final Invocation d = parse("-a -t 198.18.0.1:80 -r 198.18.1.1:8080 -g");
        assertEquals(80, d.destPort, "DR and TUN use the virtual port");

        assertEquals("Try `jvsadm -h' or 'jvsadm --help' for more information.",
            assertThrows(UsageException.class, () -> parse("-p -A")).getMessage());
    }

    @Test
    void ipv6FormsAndFwmarkFamilies()
    {
        final Invocation a = parse("-A -t [2001:db8::1]:443 -p -M 64");
        assertEquals(InetAddr.AF_INET6, a.family);
        assertEquals(443, a.port);
        assertEquals(64, a.netmask);
        final Invocation b = parse("-a -t [2001:db8::1]:443 -r 2001:db8::2");
        assertEquals(InetAddr.parse("2001:db8::2"), b.destAddress);
        assertEquals(443, b.destPort, "a bare IPv6 real server takes the virtual port");
        final Invocation c = parse("-A -f 5 -6");
        assertEquals(InetAddr.AF_INET6, c.serviceKey().family());
        assertEquals(128, c.netmask);
        assertEquals(255, assertThrows(UsageException.class, () -> parse("-n -L")).exitStatus(),
            "the command comes first");
    }
}
