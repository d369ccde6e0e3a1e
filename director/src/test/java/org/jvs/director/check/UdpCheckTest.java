package org.jvs.director.check;

import static org.jvs.director.check.CheckHarness.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

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
        final AtomicReference<String> received = new AtomicReference<>();
        final int echoPort = CheckHarness.freePort();
        final int silentPort = CheckHarness.freePort();
        final DatagramSocket echo = new DatagramSocket(new InetSocketAddress("127.0.0.1", echoPort));
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.0.1", silentPort));
            CheckHarness harness = new CheckHarness(dir))
        {
            final Thread server = new Thread(() -> echo(echo, received), "udp-echo-test");
            server.setDaemon(true);
            server.start();
            harness.start("virtual_server 198.18.0.1 53 {\n  delay_loop 1\n  lb_algo rr\n  lb_kind NAT\n" +
                "  protocol UDP\n" + server(echoPort, "      payload 6a76732d636865636b\n      require_reply\n") +
                server(silentPort, "") + "}\n");
            final String name = "UDP_CHECK 127.0.0.1:" + echoPort + " of real server 127.0.0.1 " + echoPort +
                " of virtual server 198.18.0.1 53";
            await(() -> harness.logged(name + " up; real server back with weight 1"), 2000,
                () -> "echo answered (alpha), log " + harness.log);
            assertEquals("jvs-check", received.get());
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
    void payloadIsHexAsWritten()
    {
        assertArrayEquals("jvs".getBytes(StandardCharsets.US_ASCII), UdpProbe.payload("6a7673"));
        assertArrayEquals(new byte[] {0x0a, (byte)0xff}, UdpProbe.payload("0x0AFF"));
        assertArrayEquals(new byte[0], UdpProbe.payload(null));
        assertThrows(IllegalArgumentException.class, () -> UdpProbe.payload("abc"));
        assertThrows(IllegalArgumentException.class, () -> UdpProbe.payload("zz"));
    }

    private static String server(final int port, final String extra)
    {
        return "  real_server 127.0.0.1 " + port + " {\n    weight 1\n    UDP_CHECK {\n" + extra +
            "      alpha\n      connect_timeout 1\n      retry 1\n      delay_before_retry 1\n    }\n  }\n";
    }

    private static void echo(final DatagramSocket socket, final AtomicReference<String> received)
    {
        final byte[] buffer = new byte[512];
        while (!socket.isClosed())
        {
            try
            {
                final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                received.set(new String(buffer, 0, packet.getLength(), StandardCharsets.US_ASCII));
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
