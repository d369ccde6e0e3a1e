package org.jvs.director.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;

/**
 * SMTP_CHECK: connect, read the greeting (2xx), send {@code HELO helo_name}, read the reply (250), send QUIT.
 */
final class SmtpProbe extends ConnectProbe
{
    private static final int MAX_REPLY_BYTES = 8192;

    private final String heloName;
    private final ByteBuffer buffer = ByteBuffer.allocate(1024);
    private final StringBuilder reply = new StringBuilder();
    private ByteBuffer request;
    private boolean greeted;
    private boolean quitting;

    /**
     * @param target    where to connect.
     * @param bindTo    local address or null.
     * @param timeoutNs connect_timeout (also each read and write).
     * @param heloName  the HELO argument.
     */
    SmtpProbe(final InetSocketAddress target, final InetSocketAddress bindTo, final long timeoutNs,
        final String heloName)
    {
        super(target, bindTo, timeoutNs);
        this.heloName = heloName;
    }

    @Override
    void onConnected(final long nowNs) throws IOException
    {
        progress(nowNs, "read");
        key().interestOps(SelectionKey.OP_READ);
    }

    @Override
    void onIo(final SelectionKey readyKey, final long nowNs) throws IOException
    {
        if (readyKey.isWritable())
        {
            channel().write(request);
            if (!request.hasRemaining())
            {
                if (quitting)
                {
                    succeed();
                    return;
                }
                progress(nowNs, "read");
                key().interestOps(SelectionKey.OP_READ);
            }
            return;
        }
        buffer.clear();
        final int n = channel().read(buffer);
        if (n < 0)
        {
            fail("SMTP server closed the connection");
            return;
        }
        progress(nowNs, "read");
        reply.append(new String(buffer.array(), 0, n, StandardCharsets.ISO_8859_1));
        final int code = finalReplyCode(reply);
        if (code < 0)
        {
            fail("no SMTP reply");
            return;
        }
        if (code == 0)
        {
            if (reply.length() > MAX_REPLY_BYTES)
            {
                fail("no SMTP reply");
            }
            return;
        }
        onReply(code, nowNs);
    }

    private void onReply(final int code, final long nowNs)
    {
        reply.setLength(0);
        if (!greeted)
        {
            if (code / 100 != 2)
            {
                fail("SMTP greeting " + code);
                return;
            }
            greeted = true;
            send("HELO " + heloName + "\r\n", nowNs);
            return;
        }
        if (code != 250)
        {
            fail("SMTP HELO reply " + code);
            return;
        }
        quitting = true;
        send("QUIT\r\n", nowNs);
    }

    private void send(final String line, final long nowNs)
    {
        request = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
        progress(nowNs, "write");
        key().interestOps(SelectionKey.OP_WRITE);
    }

    /**
     * @param text the reply read so far.
     * @return the code of its last line once that line ("NNN text", not "NNN-text") is complete, else 0; -1 when
     *     it is not SMTP.
     */
    static int finalReplyCode(final CharSequence text)
    {
        int start = 0;
        for (int i = 0; i < text.length(); i++)
        {
            if (text.charAt(i) == '\n')
            {
                final String line = text.subSequence(start, i).toString().strip();
                start = i + 1;
                final boolean digits = line.length() >= 3 && Character.isDigit(line.charAt(0)) &&
                    Character.isDigit(line.charAt(1)) && Character.isDigit(line.charAt(2));
                if (!digits || line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')
                {
                    return -1;
                }
                if (line.length() == 3 || line.charAt(3) == ' ')
                {
                    return Integer.parseInt(line.substring(0, 3));
                }
            }
        }
        return 0;
    }
}
