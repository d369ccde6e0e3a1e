package org.jvs.director.check;

import static org.jvs.director.check.CheckHarness.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UDP_CHECK against loopback: an echo server with require_reply (payload sent as configured), a closed port (ICMP
 * port unreachable: down), a silent socket without require_reply (up, as keepalived).
 */
class UdpCheckTest
{
    @TempDir
    Path dir;

    @Test
    void requireReplyPayloadAndPortUnreachable() throws Exception
    {
        final Set<String> received = ConcurrentHashMap.newKeySet();
        final int echoPort = CheckHarness.freePort();
        final int silentPort = CheckHarness.freePort();
        final DatagramSocket echo = new DatagramSocket(new InetSocketAddress("127.0.0.1", echoPort));
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.0.1", silentPort));
            CheckHarness harness = new CheckHarness(dir))
        {
            final Thread server = new Thread(() -> echo(echo, received), "udp-echo-test");
            server.setDaemon(true);
            server.start();
            final int matching = CheckHarness.freePort();
            final int mismatching = CheckHarness.freePort();
            final int tooLong = CheckHarness.freePort();
            harness.start("virtual_server 198.18.0.1 53 {\n  delay_loop 1\n  lb_algo rr\n  lb_kind NAT\n" +
                "  protocol UDP\n" + server(echoPort, "      payload 6a76732d636865636b\n      require_reply\n") +
                server(silentPort, "") +
                server(matching, "      connect_port " + echoPort + "\n      payload 6a76 73\n" +
                "      require_reply 6a 7X 73\n      max_reply_length 3\n") +
                server(mismatching, "      connect_port " + echoPort + "\n      payload 6a7673\n" +
                "      require_reply 6a 77\n", "") +
                server(tooLong, "      connect_port " + echoPort + "\n      payload 6a76732d\n" +
                "      require_reply\n      max_reply_length 3\n", "") + "}\n");
            final String name = "UDP_CHECK 127.0.0.1:" + echoPort + " of real server 127.0.0.1 " + echoPort +
                " of virtual server 198.18.0.1 53";
            await(() -> harness.logged(name + " up; real server back with weight 1"), 2000,
                () -> "echo answered (alpha), log " + harness.log);
            assertTrue(received.contains("jvs-check"), received::toString);
            await(() -> harness.logged("UDP_CHECK 127.0.0.1:" + echoPort + " of real server 127.0.0.1 " + matching +
                " of virtual server 198.18.0.1 53 up"), 2000, () -> "'6a 7X 73' matches 'jvs', log " + harness.log);
            await(() -> harness.logged("UDP_CHECK 127.0.0.1:" + echoPort + " of real server 127.0.0.1 " + mismatching +
                " of virtual server 198.18.0.1 53 down: UDP reply does not match require_reply at byte 1"), 3000,
                () -> "'6a 77' does not match 'jvs', log " + harness.log);
            await(() -> harness.logged("UDP_CHECK 127.0.0.1:" + echoPort + " of real server 127.0.0.1 " + tooLong +
                " of virtual server 198.18.0.1 53 down: UDP reply length 4 outside 0..3"), 3000,
                () -> "a 4-byte reply is over max_reply_length 3, log " + harness.log);
            await(() -> harness.logged("UDP_CHECK 127.0.0.1:" + silentPort + " of real server 127.0.0.1 " +
                silentPort + " of virtual server 198.18.0.1 53 up"), 1000 + 700,
                () -> "a silent port is up without require_reply, log " + harness.log);

            echo.close();
            await(() -> harness.logged(name + " down: port unreachable; real server removed"), 1000 + 1000 + 700,
                () -> "ICMP port unreachable, log " + harness.log);
            assertEquals(1, harness.weight(silentPort));
        }
        finally
        {
            echo.close();
        }
    }

    @Test
    void hexStringsAreReadAsKeepalivedReadsThem()
    {
        assertArrayEquals("jvs".getBytes(StandardCharsets.US_ASCII), UdpProbe.hex("6a7673", false)[0]);
        // keepalived.conf(5): "Ab12f 3 456 546443123" is AB 12 0F 03 45 06 54 64 43 12 03
        assertArrayEquals(new byte[] {(byte)0xAB, 0x12, 0x0F, 0x03, 0x45, 0x06, 0x54, 0x64, 0x43, 0x12, 0x03},
            UdpProbe.hex("Ab12f 3 456 546443123", false)[0]);
        final byte[][] wild = UdpProbe.hex("6x 7X", true);
        assertArrayEquals(new byte[] {0x60, 0x70}, wild[0]);
        assertArrayEquals(new byte[] {(byte)0xF0, (byte)0xF0}, wild[1]);
        assertThrows(IllegalArgumentException.class, () -> UdpProbe.hex("zz", false));
        assertThrows(IllegalArgumentException.class, () -> UdpProbe.hex("6x", false));
        assertEquals("is not a hex string: 'z' (expected hex digits and spaces, e.g. '0a0b0c')",
            UdpProbe.hexProblem("0a zz", false));
    }

    private static String server(final int port, final String extra)
    {
        return server(port, extra, "      alpha\n");
    }

    private static String server(final int port, final String extra, final String alpha)
    {
        return "  real_server 127.0.0.1 " + port + " {\n    weight 1\n    UDP_CHECK {\n" + extra + alpha +
            "      connect_timeout 1\n      retry 1\n      delay_before_retry 1\n    }\n  }\n";
    }

    private static void echo(final DatagramSocket socket, final Set<String> received)
    {
        final byte[] buffer = new byte[512];
        while (!socket.isClosed())
        {
            try
            {
                final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                received.add(new String(buffer, 0, packet.getLength(), StandardCharsets.US_ASCII));
                socket.send(new DatagramPacket(buffer, packet.getLength(), packet.getAddress(), packet.getPort()));
            }
            catch (final SocketException ex)
            {
                return;
            }
            catch (final IOException ex)
            {
                // go on
            }
        }
    }
}
