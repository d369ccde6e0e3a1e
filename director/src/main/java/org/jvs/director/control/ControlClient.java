package org.jvs.director.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The client side of the control socket: send one request, wait (bounded) for the whole response. Uses the
 * JDK's own UNIX domain sockets; only the server needs jnr-unixsocket (for SO_PEERCRED).
 */
public final class ControlClient
{
    private final Path socketPath;
    private final long timeoutMs;

    /**
     * @param socketPath the daemon's socket.
     * @param timeoutMs  how long to wait for the whole exchange.
     */
    public ControlClient(final Path socketPath, final long timeoutMs)
    {
        this.socketPath = socketPath;
        this.timeoutMs = timeoutMs;
    }

    /**
     * @param args  the jvsadm command line.
     * @param input standard input's lines.
     * @return the daemon's response.
     * @throws IOException when the socket cannot be reached, or the daemon does not answer in time.
     */
    public ControlProtocol.Response send(final List<String> args, final List<String> input) throws IOException
    {
        final ByteBuffer request = ByteBuffer.wrap(ControlProtocol.encodeRequest(args, input));
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            Selector selector = Selector.open())
        {
            channel.connect(UnixDomainSocketAddress.of(socketPath));
            channel.configureBlocking(false);
            final SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
            while (request.hasRemaining())
            {
                await(selector, deadlineNs);
                channel.write(request);
            }
            key.interestOps(SelectionKey.OP_READ);
            final ByteArrayOutputStream response = new ByteArrayOutputStream();
            final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (true)
            {
                await(selector, deadlineNs);
                buffer.clear();
                final int n = channel.read(buffer);
                if (n < 0)
                {
                    break;
                }
                response.write(buffer.array(), 0, n);
            }
            return ControlProtocol.decodeResponse(response.toString(StandardCharsets.UTF_8));
        }
    }

    private void await(final Selector selector, final long deadlineNs) throws IOException
    {
        final long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
        if (leftMs <= 0 || selector.select(leftMs) == 0 && deadlineNs - System.nanoTime() <= 0)
        {
            throw new IOException("no answer from " + socketPath + " within " + timeoutMs + " ms");
        }
        selector.selectedKeys().clear();
    }
}
