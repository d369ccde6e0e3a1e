package org.jvs.director.check;

import static org.jvs.director.check.CheckHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSL_GET against the JDK's HTTPS server on loopback with a self-signed certificate made here by keytool: the
 * checker accepts any certificate (as keepalived), checks status and digest over TLS, and a plain HTTP server on
 * the checked port is a TLS error, not a page.
 */
class SslGetCheckTest
{
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    @Test
    void digestOverTlsWithASelfSignedCertificateAndATlsErrorFromAPlainServer() throws Exception
    {
        final AtomicReference<String> page = new AtomicReference<>("secure page\n");
        final int port = CheckHarness.freePort();
        final int plainPort = CheckHarness.freePort();
        final HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        https.setHttpsConfigurator(new HttpsConfigurator(selfSigned()));
        https.createContext("/", exchange ->
        {
            final byte[] bytes = page.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(bytes);
            }
        });
        https.start();
        final ServerSocket plain = new ServerSocket(plainPort, 50, InetAddress.getByName("127.0.0.1"));
        final Thread plainServer = new Thread(() -> answerPlainHttp(plain), "plain-http");
        plainServer.setDaemon(true);
        plainServer.start();
        try (CheckHarness harness = new CheckHarness(dir))
        {
            harness.start("virtual_server 198.18.0.1 443 {\n  delay_loop 1\n  lb_algo rr\n  lb_kind NAT\n" +
                server(port, md5("secure page\n"), "      alpha\n") +
                server(plainPort, md5("plain page\n"), "") + "}\n");
            await(() -> harness.logged("SSL_GET 127.0.0.1:" + port + " of real server 127.0.0.1 " + port +
                " of virtual server 198.18.0.1 443 up; real server back with weight 1"), 2000,
                () -> "up over TLS after starting down (alpha), log " + harness.log);
            assertEquals(1, harness.weight(port));

            page.set("changed\n");
            await(() -> harness.weight(port) == -1, 1000 + 700 + 1000 + 700, () -> "removed, log " + harness.log);
            assertTrue(harness.logged("SSL_GET 127.0.0.1:" + port + " of real server 127.0.0.1 " + port +
                " of virtual server 198.18.0.1 443 down: digest mismatch (got " + md5("changed\n") + ")"),
                harness.log::toString);
            page.set("secure page\n");
            await(() -> harness.weight(port) == 1, 1000 + 700, () -> "back, log " + harness.log);

            await(() -> harness.weight(plainPort) == -1, 1000, () -> "a plain HTTP server never passes SSL_GET");
            final List<String> plainLines = harness.log.stream()
                .filter(line -> line.startsWith("SSL_GET 127.0.0.1:" + plainPort + " ")).toList();
            assertEquals(1, plainLines.size(), plainLines::toString);
            assertTrue(plainLines.get(0).contains(" down: TLS error: ") &&
                plainLines.get(0).endsWith("; real server removed"), plainLines::toString);
        }
        finally
        {
            https.stop(0);
            plain.close();
        }
    }

    /**
     * What a plain HTTP server (nginx on its port 80, say) does with a TLS ClientHello: a 400 in clear text.
     */
    private static void answerPlainHttp(final ServerSocket listener)
    {
        while (!listener.isClosed())
        {
            try (Socket socket = listener.accept())
            {
                socket.setSoTimeout(2000);
                if (socket.getInputStream().read(new byte[512]) > 0)
                {
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                }
            }
            catch (final IOException ex)
            {
                // closed by the test, or one bad session
            }
        }
    }

    private static String server(final int port, final String digest, final String alpha)
    {
        return "  real_server 127.0.0.1 " + port + " {\n    weight 1\n    SSL_GET {\n      url {\n" +
            "        path /\n        digest " + digest + "\n      }\n" + alpha + "      connect_timeout 1\n" +
            "      retry 1\n      delay_before_retry 1\n    }\n  }\n";
    }

    private SSLContext selfSigned() throws Exception
    {
        final Path store = dir.resolve("server.p12");
        final Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool")
            .toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
            "-dname", "CN=127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
            "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
            .redirectErrorStream(true).start();
        final String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), "keytool: " + output);
        final KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store))
        {
            keys.load(in, PASSWORD);
        }
        final KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    private static String md5(final String text) throws IOException
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final java.security.NoSuchAlgorithmException ex)
        {
            throw new IOException(ex);
        }
    }
}
