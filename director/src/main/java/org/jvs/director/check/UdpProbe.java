package org.jvs.director.check;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

import org.jvs.director.config.model.CheckerConfig;

/**
 * UDP_CHECK as keepalived runs it: send payload (random bytes when none); an ICMP port unreachable is down;
 * without require_reply, any reply or silence until connect_timeout is up; with it, a reply must come within
 * connect_timeout, be min_reply_length..max_reply_length long and, when require_reply has a HEX_STR, match it up to
 * the shorter of the two lengths (an X nibble matches anything).
 */
final class UdpProbe extends DatagramProbe
{
    /** Length of the random payload sent when none is configured. */
    static final int RANDOM_PAYLOAD_LENGTH = 16;

    private final byte[] payload;
    private final boolean requireReply;
    private final byte[] pattern;
    private final byte[] patternMask;
    private final int minReplyLength;
    private final int maxReplyLength;

    /**
     * @param target    where to send.
     * @param bindTo    local address or null.
     * @param timeoutNs connect_timeout.
     * @param config    the UDP_CHECK block (validated: its hex strings parse).
     */
    UdpProbe(final InetSocketAddress target, final InetSocketAddress bindTo, final long timeoutNs,
        final CheckerConfig.Udp config)
    {
        super(target, bindTo, timeoutNs);
        this.payload = config.payload() != null ? hex(config.payload(), false)[0] : randomPayload();
        this.requireReply = config.requireReply();
        final byte[][] parsed = config.replyPattern() != null ? hex(config.replyPattern(), true) : null;
        this.pattern = parsed != null ? parsed[0] : null;
        this.patternMask = parsed != null ? parsed[1] : null;
        this.minReplyLength = config.minReplyLength();
        this.maxReplyLength = config.maxReplyLength();
    }

    private static byte[] randomPayload()
    {
        final byte[] bytes = new byte[RANDOM_PAYLOAD_LENGTH];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /**
     * keepalived's free-format HEX_STR: words of hex digits separated by spaces; each word is read two digits to
     * a byte, a last odd digit is a byte of its own ("Ab12f 3 456" is AB 12 0F 03 45 06).
     *
     * @param text      the HEX_STR.
     * @param wildcards X/x allowed as a digit that matches anything (require_reply).
     * @return {bytes, mask}: mask bits are 1 where the byte must match.
     * @throws IllegalArgumentException when it is not such a string.
     */
    static byte[][] hex(final String text, final boolean wildcards)
    {
        final String problem = hexProblem(text, wildcards);
        if (problem != null)
        {
            throw new IllegalArgumentException("'" + text + "' " + problem);
        }
        final String[] words = text.trim().split("\\s+");
        int length = 0;
        for (final String word : words)
        {
            length += (word.length() + 1) / 2;
        }
        final byte[] bytes = new byte[length];
        final byte[] mask = new byte[length];
        int at = 0;
        for (final String word : words)
        {
            for (int i = 0; i < word.length(); i += 2, at++)
            {
                final boolean pair = i + 1 < word.length();
                final char high = pair ? word.charAt(i) : '0';
                final char low = pair ? word.charAt(i + 1) : word.charAt(i);
                bytes[at] = (byte)(nibble(high) << 4 | nibble(low));
                mask[at] = (byte)((isWild(high) ? 0 : 0xF0) | (isWild(low) ? 0 : 0x0F));
            }
        }
        return new byte[][] {bytes, mask};
    }

    /**
     * @param text      a HEX_STR.
     * @param wildcards X/x allowed.
     * @return why it is not a HEX_STR, or null.
     */
    static String hexProblem(final String text, final boolean wildcards)
    {
        if (text == null || text.isBlank())
        {
            return "is empty (expected hex digits, e.g. 'payload 0a0b0c')";
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || Character.isWhitespace(c) || wildcards && isWild(c)))
            {
                return "is not a hex string: '" + c + "' (expected hex digits and spaces" +
                    (wildcards ? ", X for any digit" : "") + ", e.g. '0a0b0c')";
            }
        }
        return null;
    }

    private static boolean isWild(final char c)
    {
        return c == 'x' || c == 'X';
    }

    private static int nibble(final char c)
    {
        return isWild(c) ? 0 : Character.digit(c, 16);
    }

    @Override
    ByteBuffer request()
    {
        return ByteBuffer.wrap(payload);
    }

    @Override
    void onReply(final ByteBuffer reply)
    {
        if (!requireReply)
        {
            succeed();
            return;
        }
        final int length = reply.remaining();
        if (length < minReplyLength || length > maxReplyLength)
        {
            fail("UDP reply length " + length + " outside " + minReplyLength + ".." + maxReplyLength);
            return;
        }
        if (pattern != null)
        {
            for (int i = 0, n = Math.min(length, pattern.length); i < n; i++)
            {
                if (((reply.get(reply.position() + i) ^ pattern[i]) & patternMask[i]) != 0)
                {
                    fail("UDP reply does not match require_reply at byte " + i);
                    return;
                }
            }
        }
        succeed();
    }

    @Override
    void onTimeout()
    {
        if (requireReply)
        {
            fail("no UDP reply");
        }
        else
        {
            succeed();
        }
    }
}
