package org.jvs.director.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.jvs.director.cli.Command;

/**
 * {@code jvs genhash -s HOST -p PORT -u URL [-S] [-V VHOST] [-v]}: fetch a page as keepalived's genhash does and
 * print the MD5 of its body in genhash's words ({@code MD5SUM = <hex>}), the value to put in a url's
 * {@code digest}. Like genhash it does not verify the certificate of an SSL server.
 */
public final class GenhashCommand implements Command
{
    /** genhash's User-Agent. */
    static final String USER_AGENT = "KeepAlive GenHash Client";
    private static final int TIMEOUT_MS = 5000;
    private static final String USAGE = "usage: jvs genhash -s HOST [-p PORT] -u URL [-S] [-V VIRTUALHOST] [-v]\n" +
        "  -s, --server HOST        address of the web server\n" +
        "  -p, --port PORT          its port (80, or 443 with -S)\n" +
        "  -u, --url URL            the path to fetch, e.g. /index.html\n" +
        "  -S, --use-ssl            connect with SSL (the certificate is not verified)\n" +
        "  -V, --virtualhost HOST   Host header (default HOST:PORT)\n" +
        "  -v, --verbose            print the HTTP header too\n";

    private String server;
    private int port = -1;
    private String url;
    private boolean ssl;
    private String virtualhost;
    private boolean verbose;

    @Override
    public int run(final String[] args, final PrintStream out, final PrintStream err) throws Exception
    {
        final String problem = parse(args);
        if (problem != null)
        {
            err.print((problem.isEmpty() ? "" : "jvs genhash: " + problem + "\n") + USAGE);
            return problem.isEmpty() ? 0 : 2;
        }
        final int target = port >= 0 ? port : ssl ? 443 : 80;
        final InetAddress address;
        try
        {
            address = InetAddress.getByName(server);
        }
        catch (final IOException ex)
        {
            err.println("jvs genhash: cannot resolve server '" + server + "'");
            return 1;
        }
        final boolean v6 = address.getAddress().length == 16;
        final String host = virtualhost != null ? virtualhost :
            (v6 ? "[" + address.getHostAddress() + "]" : address.getHostAddress()) + ":" + target;
        try (Socket socket = open(address, target))
        {
            socket.setSoTimeout(TIMEOUT_MS);
            final OutputStream request = socket.getOutputStream();
            request.write(HttpPage.request(url, host, USER_AGENT));
            request.flush();
            return print(read(socket.getInputStream()), out, err);
        }
        catch (final SocketTimeoutException ex)
        {
            err.println("jvs genhash: timeout talking to [" + address.getHostAddress() + "]:" + target);
            return 1;
        }
        catch (final IOException ex)
        {
            err.println("jvs genhash: cannot get " + url + " from [" + address.getHostAddress() + "]:" + target +
                ": " + ConnectProbe.reason(ex));
            return 1;
        }
    }

    private Socket open(final InetAddress address, final int target) throws IOException
    {
        final Socket plain = new Socket();
        plain.connect(new InetSocketAddress(address, target), TIMEOUT_MS);
        if (!ssl)
        {
            return plain;
        }
        try
        {
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            return context.getSocketFactory().createSocket(plain, server, target, true);
        }
        catch (final java.security.GeneralSecurityException ex)
        {
            plain.close();
            throw new IOException("SSL: " + ex.getMessage(), ex);
        }
    }

    private static HttpPage read(final InputStream in) throws IOException
    {
        final HttpPage page = new HttpPage();
        final byte[] buffer = new byte[4096];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer))
        {
            if (!page.feed(buffer, 0, n))
            {
                throw new IOException("no HTTP header in the first 64 KiB");
            }
        }
        return page;
    }

    private int print(final HttpPage page, final PrintStream out, final PrintStream err)
    {
        if (!page.headerDone())
        {
            err.println("jvs genhash: the server closed the connection before the end of the HTTP header");
            return 1;
        }
        if (verbose)
        {
            out.println("-----------------------[ HTTP Header Ascii Buffer ]-----------------------");
            out.println(page.headerText());
        }
        final StringBuilder line = new StringBuilder("MD5SUM = ").append(page.digestHex());
        if (page.contentLength() >= 0 && page.contentLength() != page.bodyBytes())
        {
            line.append("\nWARNING - Content-Length (").append(page.contentLength())
                .append(") does not match received bytes (").append(page.bodyBytes()).append(").");
        }
        out.print(line.append("\n\n"));
        return 0;
    }

    private String parse(final String[] args)
    {
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            switch (arg)
            {
                case "-S", "--use-ssl" -> ssl = true;
                case "-v", "--verbose" -> verbose = true;
                case "-h", "--help" ->
                {
                    return "";
                }
                case "-s", "--server", "-p", "--port", "-u", "--url", "-V", "--virtualhost" ->
                {
                    if (i + 1 >= args.length)
                    {
                        return "option " + arg + " needs a value";
                    }
                    final String problem = value(arg, args[++i]);
                    if (problem != null)
                    {
                        return problem;
                    }
                }
                default ->
                {
                    return "unknown argument '" + arg + "'";
                }
            }
        }
        if (server == null || url == null)
        {
            return "-s HOST and -u URL are required";
        }
        return null;
    }

    private String value(final String option, final String value)
    {
        switch (option)
        {
            case "-s", "--server" -> server = value;
            case "-u", "--url" -> url = value;
            case "-V", "--virtualhost" -> virtualhost = value;
            default ->
            {
                try
                {
                    port = Integer.parseInt(value);
                }
                catch (final NumberFormatException ex)
                {
                    port = -1;
                }
                if (port < 1 || port > 65535)
                {
                    return "bad port '" + value + "' for " + option + " (expected 1 to 65535)";
                }
            }
        }
        return null;
    }

    /**
     * genhash does not verify the server's certificate; neither does this.
     */
    private static final class TrustAll implements X509TrustManager
    {
        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String authType)
        {
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String authType)
        {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers()
        {
            return new X509Certificate[0];
        }
    }
}
