package org.jvs.director.vrrp;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Cross-checks our advertisement bytes against scapy's VRRP and VRRPv3 layers (Debian python3-scapy, run with
 * /usr/bin/python3). Run with {@code -Djvs.systemTests=true}.
 */
class VrrpScapySystemTest
{
    static final String V2 = "from scapy.all import *\n" +
        "p = Ether(dst='01:00:5e:00:00:12', src='02:50:56:00:00:01') / " +
        "IP(src='198.18.0.1', dst='224.0.0.18', ttl=255, tos=0xc0, id=1, flags=0, proto=112) / " +
        "VRRP(version=2, type=1, vrid=51, priority=150, ipcount=2, authtype=1, adv=1, " +
        "addrlist=['198.18.0.100', '198.18.0.101'], auth1=int.from_bytes(b'secr', 'big'), " +
        "auth2=int.from_bytes(b'et\\0\\0', 'big'))\n" +
        "print(bytes(p).hex())\n";

    static final String V3 = "from scapy.all import *\n" +
        "from scapy.layers.vrrp import VRRPv3\n" +
        "p = Ether(dst='01:00:5e:00:00:12', src='00:00:5e:00:01:33') / " +
        "IP(src='198.18.0.1', dst='224.0.0.18', ttl=255, tos=0xc0, id=7, flags=0, proto=112) / " +
        "VRRPv3(version=3, type=1, vrid=51, priority=150, ipcount=2, adv=75, " +
        "addrlist=['198.18.0.100', '198.18.0.101'])\n" +
        "print(bytes(p).hex())\n";

    @Test
    void v2BytesEqualScapys() throws Exception
    {
        assumeTrue("true".equals(System.getProperty("jvs.systemTests")), "system tests off");
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final int length = new VrrpAdvertCodec().build(buffer, 0, VrrpAdvertCodecTest.v2Settings(), 150,
            VrrpAdvertCodecTest.MAC, 1);
        assertEquals(scapy(V2), hex(buffer, length));
    }

    @Test
    void v3BytesEqualScapys() throws Exception
    {
        assumeTrue("true".equals(System.getProperty("jvs.systemTests")), "system tests off");
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final int length = new VrrpAdvertCodec().build(buffer, 0, VrrpAdvertCodecTest.v3Settings(), 150,
            VrrpAdvertCodecTest.MAC, 7);
        assertEquals(scapy(V3), hex(buffer, length));
    }

    static String scapy(final String script) throws Exception
    {
        final Process p = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "scapy finished");
        assertEquals(0, p.exitValue(), out);
        final String[] lines = out.split("\n");
        return lines[lines.length - 1];
    }

    static String hex(final UnsafeBuffer buffer, final int length)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            final int b = buffer.getByte(i) & 0xFF;
            sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
