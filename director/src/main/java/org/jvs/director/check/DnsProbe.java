package org.jvs.director.check;

import java.net.InetSocketAddress;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * DNS_CHECK: one query (type, name; recursion desired) over UDP. Up when the reply to our id has RCODE 0 and an
 * answer record of the requested type; a reply with another id is ignored (waited past).
 */
final class DnsProbe extends DatagramProbe
{
    private static final int CLASS_IN = 1;
    private static final int FLAG_QR = 0x8000;
    private static final int FLAG_RD = 0x0100;
    private static final int HEADER_LENGTH = 12;
    private static final String[] RCODES = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"};

    private final String typeName;
    private final int type;
    private final byte[] query;
    private final int id;

    /**
     * @param target    the DNS server.
     * @param bindTo    local address or null.
     * @param timeoutNs connect_timeout.
     * @param typeName  A, NS, CNAME, SOA, MX, TXT or AAAA.
     * @param name      the name asked for ("." for the root).
     */
    DnsProbe(final InetSocketAddress target, final InetSocketAddress bindTo, final long timeoutNs,
        final String typeName, final String name)
    {
        super(target, bindTo, timeoutNs);
        this.typeName = typeName;
        this.type = typeCode(typeName);
        this.id = ThreadLocalRandom.current().nextInt(0x10000);
        this.query = query(id, name, type);
    }

    /**
     * @param typeName a DNS_CHECK type.
     * @return its RR type number.
     */
    static int typeCode(final String typeName)
    {
        return switch (typeName.toUpperCase(Locale.ROOT))
        {
            case "A" -> 1;
            case "NS" -> 2;
            case "CNAME" -> 5;
            case "SOA" -> 6;
            case "MX" -> 15;
            case "TXT" -> 16;
            case "AAAA" -> 28;
            default -> throw new IllegalArgumentException("unknown DNS type " + typeName);
        };
    }

    /**
     * @param id   the query id.
     * @param name the name, with or without the final dot.
     * @param type the RR type.
     * @return the query message.
     */
    static byte[] query(final int id, final String name, final int type)
    {
        final ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + name.length() + 2 + 4);
        out.putShort((short)id).putShort((short)FLAG_RD).putShort((short)1).putShort((short)0)
            .putShort((short)0).putShort((short)0);
        for (final String label : name.split("\\."))
        {
            if (!label.isEmpty())
            {
                final byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
                out.put((byte)bytes.length).put(bytes);
            }
        }
        out.put((byte)0).putShort((short)type).putShort((short)CLASS_IN);
        final byte[] message = new byte[out.position()];
        out.flip().get(message);
        return message;
    }

    @Override
    ByteBuffer request()
    {
        return ByteBuffer.wrap(query);
    }

    @Override
    void onReply(final ByteBuffer reply)
    {
        try
        {
            if (reply.remaining() < HEADER_LENGTH || (reply.getShort(reply.position()) & 0xFFFF) != id)
            {
                return;
            }
            final String verdict = verdict(reply, type);
            if (verdict == null)
            {
                succeed();
            }
            else
            {
                fail(verdict.replace("%TYPE%", typeName));
            }
        }
        catch (final BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException ex)
        {
            fail("malformed DNS reply");
        }
    }

    /**
     * @param reply a DNS message with our id, from position to limit.
     * @param type  the RR type asked for.
     * @return null when it answers with a record of that type, else why not ("%TYPE%" for the type's name).
     */
    static String verdict(final ByteBuffer reply, final int type)
    {
        final ByteBuffer m = reply.slice();
        final int flags = m.getShort(2) & 0xFFFF;
        if ((flags & FLAG_QR) == 0)
        {
            return "not a DNS reply";
        }
        final int rcode = flags & 0xF;
        if (rcode != 0)
        {
            return "DNS rcode " + (rcode < RCODES.length ? RCODES[rcode] : Integer.toString(rcode));
        }
        final int questions = m.getShort(4) & 0xFFFF;
        final int answers = m.getShort(6) & 0xFFFF;
        m.position(HEADER_LENGTH);
        for (int i = 0; i < questions; i++)
        {
            skipName(m);
            m.position(m.position() + 4);
        }
        for (int i = 0; i < answers; i++)
        {
            skipName(m);
            final int rrType = m.getShort() & 0xFFFF;
            m.position(m.position() + 6);
            final int length = m.getShort() & 0xFFFF;
            if (rrType == type)
            {
                return null;
            }
            m.position(m.position() + length);
        }
        return answers == 0 ? "no DNS answer" : "no DNS answer of type %TYPE%";
    }

    private static void skipName(final ByteBuffer m)
    {
        while (true)
        {
            final int length = m.get() & 0xFF;
            if (length == 0)
            {
                return;
            }
            if ((length & 0xC0) == 0xC0)
            {
                m.get();
                return;
            }
            m.position(m.position() + length);
        }
    }

    @Override
    void onTimeout()
    {
        fail("no DNS reply");
    }
}
