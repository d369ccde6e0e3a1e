package org.jvs.director.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

/**
 * {@code jvs genhash} against loopback web servers: the digest line genhash prints, its request, keepalived's
 * Content-Length rule, and its errors.
 */
class GenhashCommandTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args) throws Exception
    {
        return new GenhashCommand().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String md5(final byte[] bytes) throws Exception
    {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    @Test
    void printsTheBodyDigestAsGenhashDoes() throws Exception
    {
        final byte[] body = "<html><body>real server 1</body></html>\n".getBytes(StandardCharsets.UTF_8);
        final AtomicReference<String> host = new AtomicReference<>();
        final AtomicReference<String> agent = new AtomicReference<>();
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 5);
        server.createContext("/index.html", exchange ->
        {
            host.set(exchange.getRequestHeaders().getFirst("Host"));
            agent.set(exchange.getRequestHeaders().getFirst("User-Agent"));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream response = exchange.getResponseBody())
            {
                response.write(body);
            }
        });
        server.start();
        try
        {
            final int port = server.getAddress().getPort();
            assertEquals(0, run("-s", "127.0.0.1", "-p", Integer.toString(port), "-u", "/index.html"),
                err::toString);
            assertEquals("MD5SUM = " + md5(body) + "\n\n", out.toString(StandardCharsets.UTF_8));
            assertEquals("127.0.0.1:" + port, host.get());
            assertEquals("KeepAlive GenHash Client", agent.get());
            out.reset();
            assertEquals(0, run("-s", "127.0.0.1", "-p", Integer.toString(port), "-u", "/index.html",
                "-V", "www.example.org"));
            assertEquals("www.example.org", host.get());
        }
        finally
        {
            server.stop(0);
        }
    }

    @Test
    void hashesAtMostContentLengthBytesAndWarnsAsGenhashDoes() throws Exception
    {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1")))
        {
            final Thread serving = new Thread(() -> serveOnce(listener,
                "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabcdef"));
            serving.start();
            assertEquals(0, run("-s", "127.0.0.1", "-p", Integer.toString(listener.getLocalPort()), "-u", "/"));
            serving.join(5000);
            assertEquals("MD5SUM = " + md5("abc".getBytes(StandardCharsets.US_ASCII)) +
                "\nWARNING - Content-Length (3) does not match received bytes (6).\n\n",
                out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void refusedConnectionAndMissingOptionsAreClearErrors() throws Exception
    {
        final int port = CheckHarness.freePort();
        assertEquals(1, run("-s", "127.0.0.1", "-p", Integer.toString(port), "-u", "/"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("connection refused"), err::toString);
        err.reset();
        assertEquals(2, run("-s", "127.0.0.1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("jvs genhash: -s HOST and -u URL are required"));
        err.reset();
        assertEquals(2, run("-s", "127.0.0.1", "-u", "/", "-p", "http"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("bad port 'http' for -p"), err::toString);
    }

    private static void serveOnce(final ServerSocket listener, final String response)
    {
        try (Socket socket = listener.accept())
        {
            final InputStream in = socket.getInputStream();
            final byte[] request = new byte[4096];
            int seen = 0;
            while (seen < 4 || !new String(request, 0, seen, StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n"))
            {
                final int n = in.read(request, seen, request.length - seen);
                if (n < 0 || seen + n >= request.length)
                {
                    break;
                }
                seen += n;
            }
            socket.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
