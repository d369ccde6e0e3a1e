package org.jvs.director.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

import org.jvs.director.config.model.CheckerConfig;

/**
 * One HTTP_GET (or SSL_GET) request for one url: connect (then the TLS handshake, for SSL_GET), send keepalived's
 * HTTP/1.0 GET, read to the end, compare the status with status_code and the body's MD5 with digest.
 */
final class HttpProbe extends ConnectProbe
{
    /** keepalived's checker User-Agent. */
    static final String USER_AGENT = "KeepAliveClient";

    private final CheckerConfig.Url url;
    private final String host;
    private final boolean ssl;
    private final HttpPage page = new HttpPage();
    private ByteBuffer buffer = ByteBuffer.allocate(4096);
    private ByteBuffer request;
    private TlsConnection tls;

    /**
     * @param target    where to connect.
     * @param bindTo    local address or null.
     * @param timeoutNs connect_timeout.
     * @param url       the url block.
     * @param host      the Host header (virtualhost, else IP:port).
     * @param ssl       SSL_GET: TLS over the connection.
     */
    HttpProbe(final InetSocketAddress target, final InetSocketAddress bindTo, final long timeoutNs,
        final CheckerConfig.Url url, final String host, final boolean ssl)
    {
        super(target, bindTo, timeoutNs);
        this.url = url;
        this.host = host;
        this.ssl = ssl;
    }

    @Override
    void onConnected(final long nowNs) throws IOException
    {
        request = ByteBuffer.wrap(HttpPage.request(url.path(), host, USER_AGENT));
        if (ssl)
        {
            tls = new TlsConnection(channel(), target().getHostString(), target().getPort());
            buffer = ByteBuffer.allocate(tls.applicationBufferSize());
            progress(nowNs, "TLS handshake");
            pumpTls(nowNs);
            return;
        }
        progress(nowNs, "write");
        key().interestOps(SelectionKey.OP_WRITE);
    }

    /**
     * SSL_GET: handshake, then the request, then the response, each as far as the socket allows now.
     */
    private void pumpTls(final long nowNs) throws IOException
    {
        final int handshakeWait = tls.handshake();
        if (handshakeWait != 0)
        {
            key().interestOps(handshakeWait);
            return;
        }
        if (!tls.write(request))
        {
            progress(nowNs, "write");
            key().interestOps(SelectionKey.OP_WRITE);
            return;
        }
        progress(nowNs, "read");
        while (!done())
        {
            buffer.clear();
            final int n = tls.read(buffer);
            if (n < 0)
            {
                finish();
                return;
            }
            if (n == 0)
            {
                final int wait = tls.handshake();
                key().interestOps(wait != 0 ? wait : SelectionKey.OP_READ);
                return;
            }
            if (!page.feed(buffer.array(), 0, n))
            {
                fail("no HTTP header in the first 64 KiB");
            }
        }
    }

    @Override
    void onIo(final SelectionKey readyKey, final long nowNs) throws IOException
    {
        if (tls != null)
        {
            pumpTls(nowNs);
            return;
        }
        if (readyKey.isWritable())
        {
            channel().write(request);
            if (!request.hasRemaining())
            {
                progress(nowNs, "read");
                key().interestOps(SelectionKey.OP_READ);
            }
            return;
        }
        if (readyKey.isReadable())
        {
            buffer.clear();
            final int n = channel().read(buffer);
            if (n < 0)
            {
                finish();
                return;
            }
            progress(nowNs, "read");
            if (!page.feed(buffer.array(), 0, n))
            {
                fail("no HTTP header in the first 64 KiB");
            }
        }
    }

    private void finish()
    {
        if (!page.headerDone() || page.status() < 0)
        {
            fail("no HTTP response");
            return;
        }
        if (!url.accepts(page.status()))
        {
            fail("HTTP status " + page.status());
            return;
        }
        if (url.digest() != null)
        {
            final String digest = page.digestHex();
            if (!digest.equalsIgnoreCase(url.digest()))
            {
                fail("digest mismatch (got " + digest + ")");
                return;
            }
        }
        succeed();
    }
}
