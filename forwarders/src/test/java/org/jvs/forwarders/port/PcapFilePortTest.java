package org.jvs.forwarders.port;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcapFilePortTest
{
    private static final long DIRECTOR_MAC = 0x02_6a_76_12_00_0aL;
    private static final long CLIENT_MAC = 0x02_6a_76_12_00_02L;
    private static final long FIRST_TIMESTAMP_NS = 1_795_000_000_123_456_000L;

    @TempDir
    Path dir;

    private static byte[] frame(final int n)
    {
        return TestFrames.udp(CLIENT_MAC, DIRECTOR_MAC, "198.18.0.2", "198.18.0." + (100 + n), 40000 + n, 5353,
            "jvs frame " + n + " " + "x".repeat(n * 100));
    }

    @Test
    void writtenFramesReadBackExactlyAndTsharkDecodesThem() throws IOException
    {
        final Path out = dir.resolve("sent.pcap");
        final long[] now = {FIRST_TIMESTAMP_NS};
        try (PcapFilePort port = new PcapFilePort(null, out, DIRECTOR_MAC, 1500, () -> now[0]))
        {
            for (int n = 0; n < 3; n++)
            {
                final byte[] frame = frame(n);
                assertTrue(port.send(new UnsafeBuffer(frame), 0, frame.length));
                now[0] += 1_500_000;
            }
            assertEquals(3, port.flush());
            assertEquals(0, port.flush());
            assertEquals(0, port.receive((buffer, offset, length) -> { }, 10), "no input: nothing received");
        }

        final List<byte[]> frames = new ArrayList<>();
        final List<Long> timestamps = new ArrayList<>();
        try (PcapFileReader reader = new PcapFileReader(out))
        {
            assertEquals(3, reader.frameCount());
            while (reader.read((buffer, offset, length) -> frames.add(copy(buffer, offset, length)), 1) == 1)
            {
                timestamps.add(reader.timestampNs());
            }
            assertTrue(reader.atEnd());
        }
        for (int n = 0; n < 3; n++)
        {
            assertArrayEquals(frame(n), frames.get(n), "frame " + n);
            assertEquals(FIRST_TIMESTAMP_NS + n * 1_500_000L, timestamps.get(n), "timestamp " + n);
        }

        final String fields = Processes.runOk("tshark", "-r", out.toString(), "-o", "ip.check_checksum:TRUE",
            "-o", "udp.check_checksum:TRUE", "-T", "fields", "-E", "separator=,", "-e", "frame.len", "-e",
            "frame.time_epoch", "-e", "eth.dst", "-e", "ip.dst", "-e", "udp.srcport", "-e", "ip.checksum.status",
            "-e", "udp.checksum.status");
        assertEquals(List.of(
            frame(0).length + ",1795000000.123456000,02:6a:76:12:00:0a,198.18.0.100,40000,1,1",
            frame(1).length + ",1795000000.124956000,02:6a:76:12:00:0a,198.18.0.101,40001,1,1",
            frame(2).length + ",1795000000.126456000,02:6a:76:12:00:0a,198.18.0.102,40002,1,1"),
            Arrays.asList(fields.strip().split("\n")), "tshark reads the file: lengths, times, addresses, good sums");
    }

    /**
     * Input written by Wireshark's own text2pcap (an independent writer), replayed through the port unchanged:
     * the output holds the same frames with the input's timestamps.
     */
    @Test
    void replaysACaptureFromText2pcapIntoAnIdenticalOutput() throws IOException
    {
        final Path hex = dir.resolve("frames.txt");
        final StringBuilder text = new StringBuilder();
        for (int n = 0; n < 4; n++)
        {
            text.append(String.format("%d.%06d%n", 1_795_000_000 + n, 250_000)).append(hexDump(frame(n)));
        }
        Files.writeString(hex, text.toString(), StandardCharsets.US_ASCII);
        final Path in = dir.resolve("in.pcap");
        Processes.runOk("text2pcap", "-q", "-F", "pcap", "-t", "%s.%f", hex.toString(), in.toString());

        final Path out = dir.resolve("out.pcap");
        try (PcapFilePort port = new PcapFilePort(in, out, DIRECTOR_MAC))
        {
            assertEquals("in.pcap", port.name());
            assertEquals(4, port.inputFrameCount());
            int received = 0;
            while (!port.inputDone())
            {
                received += port.receive((buffer, offset, length) -> port.send(buffer, offset, length), 3);
                port.flush();
            }
            assertEquals(4, received);
            assertEquals(4, port.framesWritten());
        }
        final String inFields = tsharkSummary(in);
        assertEquals(4, inFields.strip().split("\n").length, inFields);
        assertEquals(inFields, tsharkSummary(out), "tshark sees the same frames at the same times");
        assertTrue(inFields.startsWith("1795000000.250000000,"), inFields);
    }

    @Test
    void readsNanosecondAndBigEndianFiles() throws IOException
    {
        final Path micros = dir.resolve("micros.pcap");
        try (PcapFileWriter writer = new PcapFileWriter(micros))
        {
            writer.write(new UnsafeBuffer(frame(1)), 0, frame(1).length, FIRST_TIMESTAMP_NS);
        }
        final Path nanos = dir.resolve("nanos.pcap");
        Processes.runOk("editcap", "-F", "nsecpcap", micros.toString(), nanos.toString());
        assertEquals(0x4d, Files.readAllBytes(nanos)[0], "editcap wrote the nanosecond magic");
        assertOneFrame(nanos, frame(1), FIRST_TIMESTAMP_NS);

        final Path bigEndian = dir.resolve("big-endian.pcap");
        Files.write(bigEndian, bigEndianCopy(Files.readAllBytes(micros)));
        assertOneFrame(bigEndian, frame(1), FIRST_TIMESTAMP_NS);
    }

    @Test
    void badFilesAreRefusedNamingFileRecordAndOffset() throws IOException
    {
        final Path good = dir.resolve("good.pcap");
        try (PcapFileWriter writer = new PcapFileWriter(good))
        {
            for (int n = 0; n < 3; n++)
            {
                writer.write(new UnsafeBuffer(frame(n)), 0, frame(n).length, FIRST_TIMESTAMP_NS);
            }
        }
        final byte[] bytes = Files.readAllBytes(good);

        final Path truncated = dir.resolve("truncated.pcap");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 5));
        final int thirdRecordAt = 24 + 16 + frame(0).length + 16 + frame(1).length;
        assertMessage(truncated, truncated + ": record 3 at byte " + thirdRecordAt + ": truncated");

        final Path rawIp = dir.resolve("raw-ip.pcap");
        final byte[] rawIpBytes = bytes.clone();
        rawIpBytes[20] = 101;
        Files.write(rawIp, rawIpBytes);
        assertMessage(rawIp, rawIp + ": link type 101, want 1 (Ethernet)");

        final Path pcapng = dir.resolve("capture.pcapng");
        Files.write(pcapng, new byte[] {0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0,
            -1, -1, -1, -1, -1, -1, -1, -1});
        assertMessage(pcapng, pcapng + ": pcapng is not read here; convert it: editcap -F pcap " + pcapng);

        final Path text = dir.resolve("notes.txt");
        Files.writeString(text, "this is not a capture file at all");
        assertMessage(text, text + ": not a pcap file (magic 0x74686973)");
    }

    @Test
    void aPortWithoutOutputRefusesSends() throws IOException
    {
        final Path in = dir.resolve("in.pcap");
        try (PcapFileWriter writer = new PcapFileWriter(in))
        {
            writer.write(new UnsafeBuffer(frame(0)), 0, frame(0).length, FIRST_TIMESTAMP_NS);
        }
        try (PcapFilePort port = new PcapFilePort(in, null, DIRECTOR_MAC))
        {
            assertFalse(port.send(new UnsafeBuffer(frame(0)), 0, frame(0).length));
            assertEquals(1, port.sendDrops());
            assertEquals(0, port.flush());
            assertEquals(1, port.receive((buffer, offset, length) -> { }, 10));
            assertEquals(FIRST_TIMESTAMP_NS, port.lastReceivedTimestampNs());
        }
        assertThrows(IllegalArgumentException.class, () -> new PcapFilePort(null, null, DIRECTOR_MAC));
    }

    private void assertMessage(final Path file, final String expectedStart)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new PcapFileReader(file).close());
        assertTrue(ex.getMessage().startsWith(expectedStart), ex.getMessage());
    }

    private static void assertOneFrame(final Path file, final byte[] expected, final long timestampNs)
        throws IOException
    {
        try (PcapFileReader reader = new PcapFileReader(file))
        {
            final List<byte[]> frames = new ArrayList<>();
            assertEquals(1, reader.read((buffer, offset, length) -> frames.add(copy(buffer, offset, length)), 5));
            assertArrayEquals(expected, frames.get(0), file.toString());
            assertEquals(timestampNs, reader.timestampNs(), file.toString());
        }
    }

    private static byte[] bigEndianCopy(final byte[] littleEndian)
    {
        final ByteBuffer in = ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN);
        final ByteBuffer out = ByteBuffer.allocate(littleEndian.length).order(ByteOrder.BIG_ENDIAN);
        out.putInt(in.getInt()).putShort(in.getShort()).putShort(in.getShort());
        for (int i = 0; i < 4; i++)
        {
            out.putInt(in.getInt());
        }
        while (in.hasRemaining())
        {
            out.putInt(in.getInt()).putInt(in.getInt());
            final int captured = in.getInt();
            out.putInt(captured).putInt(in.getInt());
            final byte[] frame = new byte[captured];
            in.get(frame);
            out.put(frame);
        }
        return out.array();
    }

    private static String tsharkSummary(final Path file)
    {
        return Processes.runOk("tshark", "-r", file.toString(), "-T", "fields", "-E", "separator=,",
            "-o", "frame.generate_md5_hash:TRUE", "-e", "frame.time_epoch", "-e", "frame.len", "-e", "ip.dst",
            "-e", "udp.srcport", "-e", "frame.md5_hash");
    }

    private static String hexDump(final byte[] frame)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < frame.length; i += 16)
        {
            text.append(String.format("%06x ", i));
            for (int j = i; j < Math.min(i + 16, frame.length); j++)
            {
                text.append(String.format(" %02x", frame[j] & 0xff));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }
}
