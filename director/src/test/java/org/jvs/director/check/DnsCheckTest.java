package org.jvs.director.check;

import static org.jvs.director.check.CheckHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS_CHECK against a small DNS responder on loopback (answers, NXDOMAIN, an answer of another type, silence),
 * and the reply parser on hand-made messages with name compression.
 */
class DnsCheckTest
{
    /** What the responder does with the next query. */
    enum Mode
    {
        ANSWER_A, NXDOMAIN, ANSWER_CNAME_ONLY, SILENT, WRONG_ID_THEN_ANSWER
    }

    @TempDir
    Path dir;

    @Test
    void upOnAnAnswerOfTheTypeDownWithTheReason() throws Exception
    {
        final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ANSWER_A);
        final AtomicReference<String> asked = new AtomicReference<>();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", CheckHarness.freePort()));
            CheckHarness harness = new CheckHarness(dir))
        {
            final Thread responder = new Thread(() -> respond(socket, mode, asked), "dns-test");
            responder.setDaemon(true);
            responder.start();
            final int port = socket.getLocalPort();
            harness.start("virtual_server 198.18.0.1 53 {\n  delay_loop 1\n  lb_algo rr\n  lb_kind NAT\n" +
                "  protocol UDP\n  real_server 127.0.0.1 " + port + " {\n    weight 1\n    DNS_CHECK {\n" +
                "      type A\n      name www.example.test\n      alpha\n      connect_timeout 1\n" +
                "      retry 1\n      delay_before_retry 1\n    }\n  }\n}\n");
            final String name = "DNS_CHECK 127.0.0.1:" + port + " of real server 127.0.0.1 " + port +
                " of virtual server 198.18.0.1 53";
            await(() -> harness.logged(name + " up; real server back with weight 1"), 2000,
                () -> "up after an A answer (alpha), log " + harness.log);
            assertEquals("www.example.test A RD", asked.get());

            mode.set(Mode.NXDOMAIN);
            await(() -> harness.logged(name + " down: DNS rcode NXDOMAIN; real server removed"), 1000 + 1000 + 700,
                () -> "NXDOMAIN, log " + harness.log);
            mode.set(Mode.WRONG_ID_THEN_ANSWER);
            await(() -> harness.weight(port) == 1, 1000 + 700, () -> "a reply with another id is skipped");
            mode.set(Mode.ANSWER_CNAME_ONLY);
            await(() -> harness.logged(name + " down: no DNS answer of type A; real server removed"), 3000,
                () -> "CNAME only, log " + harness.log);
            mode.set(Mode.ANSWER_A);
            await(() -> harness.weight(port) == 1, 1000 + 700, () -> "back");
            mode.set(Mode.SILENT);
            await(() -> harness.logged(name + " down: no DNS reply; real server removed"), 1000 + 2 * 1000 + 1000 +
                700, () -> "silence, log " + harness.log);
        }
    }

    @Test
    void repliesAreReadWithCompressedNames()
    {
        final byte[] query = DnsProbe.query(0x1234, "example.test.", 6);
        assertEquals("123401000001000000000000076578616d706c65047465737400" + "00060001",
            HexFormat.of().formatHex(query));
        final ByteBuffer soa = reply(query, 0, 6);
        assertNull(DnsProbe.verdict(soa, 6));
        assertEquals("no DNS answer of type %TYPE%", DnsProbe.verdict(reply(query, 0, 5), 6));
        assertEquals("DNS rcode SERVFAIL", DnsProbe.verdict(reply(query, 2, -1), 6));
        assertEquals("no DNS answer", DnsProbe.verdict(reply(query, 0, -1), 6));
        assertEquals(28, DnsProbe.typeCode("aaaa"));
    }

    /**
     * @return a reply to query with rcode and one answer of answerType (none for -1) whose name is a pointer to
     *     the question's.
     */
    private static ByteBuffer reply(final byte[] query, final int rcode, final int answerType)
    {
        final ByteBuffer out = ByteBuffer.allocate(512);
        out.put(query);
        out.putShort(2, (short)(0x8180 | rcode));
        if (answerType >= 0)
        {
            out.putShort(6, (short)1);
            out.putShort((short)0xC00C).putShort((short)answerType).putShort((short)1).putInt(60);
            out.putShort((short)4).putInt(0xC6120001);
        }
        return out.flip();
    }

    private static void respond(final DatagramSocket socket, final AtomicReference<Mode> mode,
        final AtomicReference<String> asked)
    {
        final byte[] buffer = new byte[512];
        while (!socket.isClosed())
        {
            try
            {
                final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                final byte[] query = java.util.Arrays.copyOf(buffer, packet.getLength());
                asked.set(describe(query));
                final InetAddress from = packet.getAddress();
                final int port = packet.getPort();
                switch (mode.get())
                {
                    case SILENT -> { }
                    case NXDOMAIN -> send(socket, reply(query, 3, -1), from, port);
                    case ANSWER_CNAME_ONLY -> send(socket, reply(query, 0, 5), from, port);
                    case WRONG_ID_THEN_ANSWER ->
                    {
                        final ByteBuffer wrong = reply(query, 3, -1);
                        wrong.putShort(0, (short)(wrong.getShort(0) + 1));
                        send(socket, wrong, from, port);
                        send(socket, reply(query, 0, 1), from, port);
                    }
                    default -> send(socket, reply(query, 0, 1), from, port);
                }
            }
            catch (final SocketException ex)
            {
                return;
            }
            catch (final IOException ex)
            {
                // one bad datagram; go on
            }
        }
    }

    private static void send(final DatagramSocket socket, final ByteBuffer reply, final InetAddress to,
        final int port) throws IOException
    {
        socket.send(new DatagramPacket(reply.array(), reply.limit(), to, port));
    }

    private static String describe(final byte[] query)
    {
        final StringBuilder name = new StringBuilder();
        int at = 12;
        while (query[at] != 0)
        {
            name.append(name.length() == 0 ? "" : ".").append(new String(query, at + 1, query[at]));
            at += query[at] + 1;
        }
        final int type = ((query[at + 1] & 0xFF) << 8) | (query[at + 2] & 0xFF);
        return name + (type == 1 ? " A" : " type " + type) + (((query[2] & 1) != 0) ? " RD" : "");
    }

    @Test
    void typeNamesAreKeepalivedsSetAndNamesMustFitAQuery()
    {
        assertTrue(DnsProbe.typeCode("SOA") == 6 && DnsProbe.typeCode("MX") == 15 && DnsProbe.typeCode("TXT") == 16);
        assertNull(HealthCheckValidator.dnsNameProblem("."));
        assertNull(HealthCheckValidator.dnsNameProblem("www.example.test."));
        assertEquals("has an empty label ('..')", HealthCheckValidator.dnsNameProblem("www..test"));
        assertEquals("has a label longer than 63 characters",
            HealthCheckValidator.dnsNameProblem("a".repeat(64) + ".test"));
    }
}
