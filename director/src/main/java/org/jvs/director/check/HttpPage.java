package org.jvs.director.check;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An HTTP response read as keepalived's HTTP_GET and genhash read it: the header up to the first empty line, then
 * the body fed to MD5, at most Content-Length bytes of it when the header gives one.
 */
final class HttpPage
{
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final MessageDigest md5;
    private final ByteArrayOutputStream header = new ByteArrayOutputStream();
    private boolean headerDone;
    private String headerText;
    private int status = -1;
    private long contentLength = -1;
    private long bodyBytes;

    HttpPage()
    {
        try
        {
            md5 = MessageDigest.getInstance("MD5");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("this JDK has no MD5", ex);
        }
    }

    /**
     * The request keepalived's checker sends.
     *
     * @param path the url's path.
     * @param host the Host header value.
     * @param userAgent the User-Agent.
     * @return the request bytes.
     */
    static byte[] request(final String path, final String host, final String userAgent)
    {
        return ("GET " + path + " HTTP/1.0\r\nUser-Agent: " + userAgent + "\r\nHost: " + host + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * @param bytes  data read.
     * @param offset where it starts.
     * @param length how much.
     * @return false when the header grew past its limit (not HTTP).
     */
    boolean feed(final byte[] bytes, final int offset, final int length)
    {
        if (headerDone)
        {
            body(bytes, offset, length);
            return true;
        }
        final int before = header.size();
        header.write(bytes, offset, length);
        final byte[] all = header.toByteArray();
        final int end = headerEnd(all, Math.max(0, before - 3));
        if (end < 0)
        {
            return all.length <= MAX_HEADER_BYTES;
        }
        headerDone = true;
        headerText = new String(all, 0, end, StandardCharsets.ISO_8859_1);
        parseHeader();
        body(all, end, all.length - end);
        return true;
    }

    private void body(final byte[] bytes, final int offset, final int length)
    {
        int n = length;
        if (contentLength >= 0)
        {
            n = (int)Math.max(0, Math.min(n, contentLength - bodyBytes));
        }
        md5.update(bytes, offset, n);
        bodyBytes += length;
    }

    private static int headerEnd(final byte[] all, final int from)
    {
        for (int i = from; i < all.length; i++)
        {
            if (all[i] == '\n')
            {
                if (i + 1 < all.length && all[i + 1] == '\n')
                {
                    return i + 2;
                }
                if (i + 2 < all.length && all[i + 1] == '\r' && all[i + 2] == '\n')
                {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    private void parseHeader()
    {
        final String[] lines = headerText.split("\r?\n");
        final String[] first = lines[0].split(" +");
        if (first.length >= 2 && first[0].startsWith("HTTP/"))
        {
            try
            {
                status = Integer.parseInt(first[1]);
            }
            catch (final NumberFormatException ignored)
            {
                status = -1;
            }
        }
        for (final String line : lines)
        {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15))
            {
                try
                {
                    contentLength = Long.parseLong(line.substring(15).trim());
                }
                catch (final NumberFormatException ignored)
                {
                    contentLength = -1;
                }
            }
        }
    }

    boolean headerDone()
    {
        return headerDone;
    }

    String headerText()
    {
        return headerText;
    }

    int status()
    {
        return status;
    }

    long contentLength()
    {
        return contentLength;
    }

    long bodyBytes()
    {
        return bodyBytes;
    }

    /**
     * @return the MD5 of the body as 32 lower-case hex digits (call once, at the end).
     */
    String digestHex()
    {
        return HexFormat.of().formatHex(md5.digest());
    }
}
