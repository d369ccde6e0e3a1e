package org.jvs.core.packet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the golden-packet table {@code packet/golden-packets.txt} (made by {@code make_golden.py} with
 * scapy): {input hex, what it is, expected verdict, expected output hex}, with the scapy command beside it.
 */
final class GoldenPacket
{
    static final String RESOURCE = "/packet/golden-packets.txt";

    final String name;
    final String what;
    final DropReason verdict;
    final String make;
    final Map<String, Integer> fields;
    final byte[] input;
    final String operation;
    final String outputMake;
    final byte[] output;

    private GoldenPacket(final Map<String, String> row, final String where)
    {
        name = required(row, "name", where);
        what = required(row, "what", where);
        verdict = DropReason.valueOf(required(row, "verdict", where));
        make = required(row, "make", where);
        fields = parseFields(row.get("fields"));
        input = hex(required(row, "in", where));
        operation = required(row, "op", where);
        outputMake = row.get("out-make");
        output = row.containsKey("out") ? hex(row.get("out")) : null;
    }

    @Override
    public String toString()
    {
        return name + " (" + what + ")";
    }

    static List<GoldenPacket> load()
    {
        try (InputStream in = GoldenPacket.class.getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read " + RESOURCE, ex);
        }
    }

    private static List<GoldenPacket> read(final BufferedReader reader) throws IOException
    {
        final List<GoldenPacket> rows = new ArrayList<>();
        Map<String, String> row = new HashMap<>();
        int lineNumber = 0;
        int rowStart = 1;
        String line;
        while ((line = reader.readLine()) != null)
        {
            lineNumber++;
            if (line.startsWith("#"))
            {
                continue;
            }
            if (line.isBlank())
            {
                if (!row.isEmpty())
                {
                    rows.add(new GoldenPacket(row, RESOURCE + ":" + rowStart));
                    row = new HashMap<>();
                }
                rowStart = lineNumber + 1;
                continue;
            }
            final int colon = line.indexOf(": ");
            if (colon < 0)
            {
                throw new IllegalStateException(RESOURCE + ":" + lineNumber + ": expected 'key: value', got " + line);
            }
            row.put(line.substring(0, colon), line.substring(colon + 2));
        }
        if (!row.isEmpty())
        {
            rows.add(new GoldenPacket(row, RESOURCE + ":" + rowStart));
        }
        return rows;
    }

    private static String required(final Map<String, String> row, final String key, final String where)
    {
        final String value = row.get(key);
        if (value == null)
        {
            throw new IllegalStateException(where + ": entry has no '" + key + ":' line");
        }
        return value;
    }

    private static Map<String, Integer> parseFields(final String text)
    {
        final Map<String, Integer> fields = new LinkedHashMap<>();
        if (text != null)
        {
            for (final String pair : text.trim().split(" "))
            {
                final int equals = pair.indexOf('=');
                fields.put(pair.substring(0, equals), Integer.parseInt(pair.substring(equals + 1)));
            }
        }
        return fields;
    }

    static byte[] hex(final String text)
    {
        final byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    static String hex(final byte[] bytes, final int length)
    {
        final StringBuilder text = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++)
        {
            text.append(Character.forDigit((bytes[i] >>> 4) & 0xF, 16)).append(Character.forDigit(bytes[i] & 0xF, 16));
        }
        return text.toString();
    }
}
