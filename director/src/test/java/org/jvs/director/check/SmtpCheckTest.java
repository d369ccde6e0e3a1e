package org.jvs.director.check;

import static org.jvs.director.check.CheckHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMTP_CHECK against a small SMTP listener on loopback: greeting, HELO with helo_name, its reply.
 */
class SmtpCheckTest
{
    @TempDir
    Path dir;

    @Test
    void heloReplyDecidesAndHeloNameIsSent() throws Exception
    {
        final AtomicInteger heloReply = new AtomicInteger(250);
        final AtomicReference<String> helo = new AtomicReference<>();
        try (ServerSocket listener = new ServerSocket(CheckHarness.freePort(), 50,
            InetAddress.getByName("127.0.0.1")); CheckHarness harness = new CheckHarness(dir))
        {
            final Thread server = new Thread(() -> serve(listener, heloReply, helo), "smtp-test");
            server.setDaemon(true);
            server.start();
            final int port = listener.getLocalPort();
            harness.start("virtual_server 198.18.0.1 25 {\n  delay_loop 1\n  lb_algo rr\n  lb_kind NAT\n" +
                "  real_server 127.0.0.1 " + port + " {\n    weight 1\n    SMTP_CHECK {\n" +
                "      helo_name checker.example\n      connect_timeout 1\n      retry 1\n" +
                "      delay_before_retry 1\n    }\n  }\n}\n");
            await(() -> "HELO checker.example".equals(helo.get()), 3000, () -> "HELO seen, log " + harness.log);
            assertEquals(1, harness.weight(port));
            heloReply.set(554);
            await(() -> harness.weight(port) == -1, 3000 + 700, () -> "removed, log " + harness.log);
            assertTrue(harness.logged("SMTP_CHECK 127.0.0.1:" + port + " of real server 127.0.0.1 " + port +
                " of virtual server 198.18.0.1 25 down: SMTP HELO reply 554"), harness.log::toString);
            heloReply.set(250);
            await(() -> harness.weight(port) == 1, 1000 + 700, () -> "back, log " + harness.log);
        }
    }

    @Test
    void multiLineRepliesEndAtTheLineWithoutADash()
    {
        assertEquals(0, SmtpProbe.finalReplyCode("220-mail.example ESMTP\r\n"));
        assertEquals(220, SmtpProbe.finalReplyCode("220-mail.example ESMTP\r\n220 ready\r\n"));
        assertEquals(250, SmtpProbe.finalReplyCode("250\r\n"));
        assertEquals(-1, SmtpProbe.finalReplyCode("HTTP/1.0 400 Bad\r\n"));
    }

    private static void serve(final ServerSocket listener, final AtomicInteger heloReply,
        final AtomicReference<String> helo)
    {
        final long endNs = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() - endNs < 0 && !listener.isClosed())
        {
            try (Socket socket = listener.accept())
            {
                socket.setSoTimeout(2000);
                final OutputStream out = socket.getOutputStream();
                final BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                out.write("220-smtp.test ESMTP\r\n220 ready\r\n".getBytes(StandardCharsets.US_ASCII));
                helo.set(in.readLine());
                out.write((heloReply.get() + " hello\r\n").getBytes(StandardCharsets.US_ASCII));
                in.readLine();
                out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            catch (final SocketException ex)
            {
                return;
            }
            catch (final IOException ex)
            {
                // one bad session; go on with the next
            }
        }
    }
}
