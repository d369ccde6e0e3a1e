package org.jvs.director.check;

import static org.jvs.director.check.CheckHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PING_CHECK of 127.0.0.1 and ::1 (a raw ICMP socket: needs root, as the director). The lab's health-check
 * system test shows the down side (a real server that stops answering echo requests).
 */
class PingCheckTest
{
    @TempDir
    Path dir;

    @Test
    void loopbackAnswersIcmpAndIcmpv6Echo() throws Exception
    {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
            "PING_CHECK opens a raw ICMP socket: run as root (CI does)");
        try (CheckHarness harness = new CheckHarness(dir))
        {
            harness.start("virtual_server 198.18.0.1 80 {\n  delay_loop 1\n  lb_algo rr\n  lb_kind NAT\n" +
                server("127.0.0.1") + "}\nvirtual_server 2001:db8::1 80 {\n  delay_loop 1\n  lb_algo rr\n" +
                "  lb_kind NAT\n" + server("::1") + "}\n");
            await(() -> harness.logged("PING_CHECK 127.0.0.1:80 of real server 127.0.0.1 80 of virtual server " +
                "198.18.0.1 80 up; real server back with weight 1"), 2000, () -> "echo reply, log " + harness.log);
            await(() -> harness.logged("PING_CHECK [::1]:80 of real server [::1] 80 of virtual server " +
                "[2001:db8::1] 80 up; real server back with weight 1"), 2000, () -> "ICMPv6 echo reply, log " +
                harness.log);
            assertEquals(1, harness.weight("127.0.0.1", 80));
        }
    }

    @Test
    void checksumIsRfc1071()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(8));
        // echo request, id 0x1234, seq 1: 0800 0000 1234 0001 -> checksum ~(0x0800 + 0x1234 + 0x0001) = 0xe5ca
        buffer.putByte(0, (byte)8);
        buffer.putShort(4, (short)0x1234, java.nio.ByteOrder.BIG_ENDIAN);
        buffer.putShort(6, (short)1, java.nio.ByteOrder.BIG_ENDIAN);
        assertEquals(0xe5ca, PingProbe.checksum(buffer, 8));
    }

    private static String server(final String address)
    {
        return "  real_server " + address + " 80 {\n    weight 1\n    PING_CHECK {\n      alpha\n" +
            "      connect_timeout 1\n      retry 1\n      delay_before_retry 1\n    }\n  }\n";
    }
}
