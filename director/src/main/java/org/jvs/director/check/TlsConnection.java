package org.jvs.director.check;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS over a non-blocking {@link SocketChannel} with an {@link SSLEngine}, for SSL_GET: never blocks, says which
 * readiness it waits for. Accepts any server certificate, as keepalived's SSL_GET does (it checks the page, not
 * the peer). Delegated tasks run inline on the health-check agent's thread (a few milliseconds of CPU).
 */
final class TlsConnection
{
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final SSLContext TRUST_ALL = trustAll();

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final ByteBuffer netIn;
    private final ByteBuffer netOut;
    private final ByteBuffer scratch;
    private boolean eof;

    /**
     * @param channel the connected channel.
     * @param host    peer host (for the session; SNI only when it is a name).
     * @param port    peer port.
     * @throws SSLException when the handshake cannot begin.
     */
    TlsConnection(final SocketChannel channel, final String host, final int port) throws SSLException
    {
        this.channel = channel;
        this.engine = TRUST_ALL.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        final SSLSession session = engine.getSession();
        netIn = ByteBuffer.allocate(session.getPacketBufferSize());
        netOut = ByteBuffer.allocate(session.getPacketBufferSize());
        netOut.flip();
        scratch = ByteBuffer.allocate(session.getApplicationBufferSize());
        engine.beginHandshake();
    }

    /**
     * Drive the handshake as far as the socket allows.
     *
     * @return 0 when it is done and all its records are sent, else the interest ops to wait for.
     * @throws IOException on a TLS error or a closed connection.
     */
    int handshake() throws IOException
    {
        while (true)
        {
            if (!flush())
            {
                return SelectionKey.OP_WRITE;
            }
            switch (engine.getHandshakeStatus())
            {
                case NEED_TASK:
                    runTasks();
                    break;
                case NEED_WRAP:
                    wrap(EMPTY);
                    break;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    scratch.clear();
                    if (unwrap(scratch) == 0 && needsUnwrap(engine.getHandshakeStatus()))
                    {
                        return SelectionKey.OP_READ;
                    }
                    break;
                default:
                    return 0;
            }
        }
    }

    /**
     * Encrypt as much of src as one record takes and send what the socket accepts.
     *
     * @param src application bytes.
     * @return true when every encrypted byte so far is sent.
     * @throws IOException on a TLS or socket error.
     */
    boolean write(final ByteBuffer src) throws IOException
    {
        if (!flush())
        {
            return false;
        }
        while (src.hasRemaining())
        {
            wrap(src);
            if (!flush())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param dst where plaintext goes (at least the session's application buffer size free).
     * @return bytes of plaintext, 0 when more must be read from the socket first, -1 at the end of the stream.
     * @throws IOException on a TLS error.
     */
    int read(final ByteBuffer dst) throws IOException
    {
        final int n = unwrap(dst);
        if (n == 0 && (engine.isInboundDone() || eof))
        {
            return -1;
        }
        return n;
    }

    /**
     * @return the application buffer size plaintext reads need.
     */
    int applicationBufferSize()
    {
        return scratch.capacity();
    }

    /**
     * Unwrap records into dst, reading the socket when a record is incomplete.
     *
     * @return plaintext bytes produced; 0 when the socket has nothing more now, the stream ended or the engine
     *     wants to send (check {@link #handshake}).
     */
    private int unwrap(final ByteBuffer dst) throws IOException
    {
        while (true)
        {
            netIn.flip();
            final SSLEngineResult result = engine.unwrap(netIn, dst);
            netIn.compact();
            switch (result.getStatus())
            {
                case OK:
                    if (result.bytesProduced() > 0)
                    {
                        return result.bytesProduced();
                    }
                    final SSLEngineResult.HandshakeStatus status = result.getHandshakeStatus();
                    if (status == SSLEngineResult.HandshakeStatus.NEED_TASK)
                    {
                        runTasks();
                    }
                    else if (status == SSLEngineResult.HandshakeStatus.NEED_WRAP ||
                        status == SSLEngineResult.HandshakeStatus.FINISHED)
                    {
                        return 0;
                    }
                    break;
                case BUFFER_UNDERFLOW:
                    if (eof)
                    {
                        return 0;
                    }
                    final int n = channel.read(netIn);
                    if (n < 0)
                    {
                        eof = true;
                        if (engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING)
                        {
                            throw new SSLException("connection closed during the TLS handshake");
                        }
                        return 0;
                    }
                    if (n == 0)
                    {
                        return 0;
                    }
                    break;
                case BUFFER_OVERFLOW:
                    throw new SSLException("TLS record larger than the application buffer");
                default:
                    return 0;
            }
        }
    }

    private static boolean needsUnwrap(final SSLEngineResult.HandshakeStatus status)
    {
        return status == SSLEngineResult.HandshakeStatus.NEED_UNWRAP ||
            status == SSLEngineResult.HandshakeStatus.NEED_UNWRAP_AGAIN;
    }

    private void wrap(final ByteBuffer src) throws IOException
    {
        netOut.compact();
        final SSLEngineResult result;
        try
        {
            result = engine.wrap(src, netOut);
        }
        finally
        {
            netOut.flip();
        }
        if (result.getStatus() == SSLEngineResult.Status.CLOSED)
        {
            throw new SSLException("TLS session closed by the server");
        }
        if (result.getStatus() != SSLEngineResult.Status.OK)
        {
            throw new SSLException("TLS wrap: " + result.getStatus());
        }
    }

    private boolean flush() throws IOException
    {
        while (netOut.hasRemaining())
        {
            if (channel.write(netOut) == 0)
            {
                return false;
            }
        }
        return true;
    }

    private void runTasks()
    {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null)
        {
            task.run();
        }
    }

    private static SSLContext trustAll()
    {
        try
        {
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyCertificate()}, null);
            return context;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("this JDK has no TLS", ex);
        }
    }

    /**
     * keepalived's SSL_GET does not verify the server: neither does this.
     */
    private static final class AnyCertificate extends X509ExtendedTrustManager
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

        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String authType, final Socket socket)
        {
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String authType, final Socket socket)
        {
        }

        @Override
        public void checkClientTrusted(final X509Certificate[] chain, final String authType, final SSLEngine e)
        {
        }

        @Override
        public void checkServerTrusted(final X509Certificate[] chain, final String authType, final SSLEngine e)
        {
        }
    }
}
