package org.jvs.director.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The control socket's protocol, version 1 (docs/control-protocol.md): one request and one response per
 * connection, both line-based UTF-8 text with counted sections, so neither side needs escaping.
 * <pre>
 * request:   JVS/1 jvsadm ARGC LINES\n      then ARGC lines, one argument each,
 *                                         then LINES lines of standard input (what -R reads)
 * response:  JVS/1 STATUS EXIT LINES\n     STATUS is OK, DENIED or BAD; EXIT is the exit status;
 *                                         then LINES lines, each "O text" (stdout) or "E text" (stderr)
 * </pre>
 */
public final class ControlProtocol
{
    /** Protocol name and version, the first word of every request and response. */
    public static final String VERSION = "JVS/1";
    /** The one verb of version 1: run a jvsadm command line. */
    public static final String VERB_JVSADM = "jvsadm";
    /** The command ran; EXIT is its exit status. */
    public static final String OK = "OK";
    /** The peer may not use the socket. */
    public static final String DENIED = "DENIED";
    /** The request was malformed or too large. */
    public static final String BAD = "BAD";
    /** Largest request accepted, in bytes. */
    public static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;
    /** Most arguments accepted. */
    public static final int MAX_ARGS = 4096;
    /** Tag of a standard output line. */
    public static final char STDOUT = 'O';
    /** Tag of a standard error line. */
    public static final char STDERR = 'E';

    /**
     * A request.
     *
     * @param args  the command line, without the program name.
     * @param input standard input's lines.
     */
    public record Request(List<String> args, List<String> input)
    {
    }

    /**
     * A response.
     *
     * @param status     OK, DENIED or BAD.
     * @param exitStatus the exit status for the client.
     * @param lines      tagged output lines ({@code "O text"}, {@code "E text"}), in the order written.
     */
    public record Response(String status, int exitStatus, List<String> lines)
    {
    }

    /** A request or response that breaks the protocol; the message names what is wrong. */
    public static final class ProtocolException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        /**
         * @param message what is wrong.
         */
        public ProtocolException(final String message)
        {
            super(message);
        }
    }

    private ControlProtocol()
    {
    }

    /**
     * @param args  command line (no argument may hold a newline).
     * @param input standard input's lines (none may hold a newline).
     * @return the request's bytes.
     */
    public static byte[] encodeRequest(final List<String> args, final List<String> input)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append(VERSION).append(' ').append(VERB_JVSADM).append(' ').append(args.size()).append(' ')
            .append(input.size()).append('\n');
        appendLines(sb, args, "argument");
        appendLines(sb, input, "input line");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param status     OK, DENIED or BAD.
     * @param exitStatus exit status.
     * @param lines      tagged lines.
     * @return the response's bytes.
     */
    public static byte[] encodeResponse(final String status, final int exitStatus, final List<String> lines)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append(VERSION).append(' ').append(status).append(' ').append(exitStatus).append(' ')
            .append(lines.size()).append('\n');
        appendLines(sb, lines, "output line");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendLines(final StringBuilder sb, final List<String> lines, final String what)
    {
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            if (line.indexOf('\n') >= 0)
            {
                throw new ProtocolException(what + " " + (i + 1) + " holds a newline");
            }
            sb.append(line).append('\n');
        }
    }

    /**
     * How many lines a request has in all, from its first line.
     *
     * @param header the first line, without its newline.
     * @return 1 + ARGC + LINES.
     * @throws ProtocolException when the header is not a version 1 jvsadm request.
     */
    public static long requestLineCount(final String header)
    {
        final String[] words = header.split(" ", -1);
        if (words.length == 0 || !VERSION.equals(words[0]))
        {
            throw new ProtocolException("unsupported protocol '" + (words.length > 0 ? words[0] : "") +
                "', this director speaks " + VERSION);
        }
        if (words.length != 4 || !VERB_JVSADM.equals(words[1]))
        {
            throw new ProtocolException("malformed request header '" + header + "', expected '" + VERSION + " " +
                VERB_JVSADM + " ARGC LINES'");
        }
        final long argc = count(words[2], header);
        if (argc > MAX_ARGS)
        {
            throw new ProtocolException("too many arguments: " + argc + " (at most " + MAX_ARGS + ")");
        }
        return 1 + argc + count(words[3], header);
    }

    /**
     * @param lines a whole request split into lines (without their newlines).
     * @return the request.
     * @throws ProtocolException when it is malformed.
     */
    public static Request decodeRequest(final List<String> lines)
    {
        final long total = requestLineCount(lines.get(0));
        if (total != lines.size())
        {
            throw new ProtocolException("request has " + lines.size() + " lines, its header says " + total);
        }
        final int argc = (int)count(lines.get(0).split(" ")[2], lines.get(0));
        return new Request(List.copyOf(lines.subList(1, 1 + argc)), List.copyOf(lines.subList(1 + argc, lines.size())));
    }

    /**
     * @param text a whole response.
     * @return the response.
     * @throws ProtocolException when it is malformed or incomplete.
     */
    public static Response decodeResponse(final String text)
    {
        final List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (lines.isEmpty() || !lines.get(lines.size() - 1).isEmpty())
        {
            throw new ProtocolException("response ends without a newline");
        }
        lines.remove(lines.size() - 1);
        final String header = lines.isEmpty() ? "" : lines.get(0);
        final String[] words = header.split(" ", -1);
        if (words.length != 4 || !VERSION.equals(words[0]))
        {
            throw new ProtocolException("malformed response header '" + header + "'");
        }
        final long count = count(words[3], header);
        if (count != lines.size() - 1)
        {
            throw new ProtocolException("response has " + (lines.size() - 1) + " lines, its header says " + count);
        }
        return new Response(words[1], (int)count(words[2], header), List.copyOf(lines.subList(1, lines.size())));
    }

    private static long count(final String word, final String header)
    {
        try
        {
            final long value = Long.parseLong(word);
            if (value >= 0 && value <= Integer.MAX_VALUE)
            {
                return value;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new ProtocolException("bad count '" + word + "' in '" + header + "'");
    }
}
