package org.jvs.director.sync;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jvs.core.conn.ConnectionTable;
import org.jvs.core.conn.TcpStates;
import org.jvs.core.service.ServiceKey;
import org.jvs.director.lab.Lab;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sends real sync messages over UDP on loopback while tshark captures them, then has tshark's IPVS sync dissector
 * ({@code -d udp.port==8848,ipvs}) decode them: no malformed packet, and the fields we sent.
 * Run with {@code -Djvs.systemTests=true} as root (tshark captures on lo).
 */
class SyncTsharkSystemTest
{
    static final int ENTRIES = 50;

    @Test
    void tsharkDecodesOurSyncMessages() throws Exception
    {
        assumeTrue("true".equals(System.getProperty("jvs.systemTests")), "system tests off");
        final Path dir = Files.createTempDirectory("vr-sync");
        final Path capture = dir.resolve("sync.pcap");
        final Path captureLog = dir.resolve("tshark.log");
        final List<byte[]> messages = encode();
        assertEquals(2, messages.size(), "50 IPv4 entries need two 1472-byte messages");

        capture(messages, capture, captureLog);

        final String verbose = run("tshark", "-r", capture.toString(), "-d", "udp.port==8848,ipvs", "-V");
        assertTrue(verbose.contains("IP Virtual Services Sync Daemon"), verbose);
        assertFalse(verbose.contains("Malformed"), verbose);
        assertFalse(verbose.contains("Expert Info (Error"), verbose);

        final String fields = run("tshark", "-r", capture.toString(), "-d", "udp.port==8848,ipvs", "-T", "fields",
            "-e", "ipvs.syncid", "-e", "ipvs.conncount", "-e", "ipvs.version",
            "-e", "ipvs.size", "-e", "ipvs.cport", "-e", "ipvs.caddr", "-e", "ipvs.vaddr", "-e", "ipvs.daddr",
            "-e", "ipvs.vport", "-e", "ipvs.timeout");
        final String[] lines = fields.lines().filter(line -> line.contains("\t")).toArray(String[]::new);
        Arrays.sort(lines, Comparator.comparing((String line) -> line.split("\t")[4]));
        assertEquals(2, lines.length, fields);
        int port = 40000;
        for (int i = 0; i < lines.length; i++)
        {
            final String[] f = lines[i].split("\t");
            final int count = i == 0 ? 40 : 10;
            assertEquals("255", f[0], lines[i]);
            assertEquals(String.valueOf(count), f[1], lines[i]);
            assertEquals("1", f[2], lines[i]);
            assertEquals(String.valueOf(messages.get(i).length), f[3], lines[i]);
            final String[] cports = f[4].split(",");
            assertEquals(count, cports.length, lines[i]);
            for (final String cport : cports)
            {
                assertEquals(String.valueOf(port++), cport, lines[i]);
            }
            assertTrue(f[5].startsWith("198.18.0.10,"), lines[i]);
            assertEquals("198.18.0.100", f[6].split(",")[0], lines[i]);
            assertEquals("198.18.1.1", f[7].split(",")[0], lines[i]);
            assertEquals("80", f[8].split(",")[0], lines[i]);
            assertEquals("900", f[9].split(",")[0], lines[i]);
        }
        System.out.println("tshark decoded " + lines.length + " sync messages, " + ENTRIES + " connections");
    }

    /**
     * Two jvs directors ({@code scripts/lab up dr --directors 2}), sync started by jvsadm as ipvsadm users do:
     * director1's master sync daemon sends real messages for the client's connections; tshark captures them on
     * director2's eth0 and decodes them as IPVS sync (no error) with the connection's fields, from director1's
     * address to 224.0.0.81 with TTL 1; director2's backup daemon keeps the connections (jvsadm -L -n -c).
     */
    @Test
    void tsharkDecodesTheSyncMessagesADirectorSends() throws Exception
    {
        Lab.assumeSystemTests();
        final Path dir = Files.createTempDirectory("jvs-sync-tshark");
        final Path capture = dir.resolve("sync.pcap");
        final Path captureLog = dir.resolve("tshark.log");
        try (Lab lab = Lab.up("dr", "--directors", "2", "--check", "none"))
        {
            assertEquals(0, lab.jvsadm(Lab.DIRECTOR2, "--start-daemon", "backup", "--mcast-interface", "eth0",
                "--syncid", "9").exitCode());
            assertEquals(0, lab.jvsadm(Lab.DIRECTOR1, "--start-daemon", "master", "--mcast-interface", "eth0",
                "--syncid", "9").exitCode());
            assertEquals("master sync daemon (mcast=eth0, syncid=9)\n",
                lab.jvsadm(Lab.DIRECTOR1, "-L", "--daemon").stdout());
            assertEquals("backup sync daemon (mcast=eth0, syncid=9)\n",
                lab.jvsadm(Lab.DIRECTOR2, "-L", "--daemon").stdout());
            final Lab.Result again = lab.jvsadm(Lab.DIRECTOR1, "--start-daemon", "master", "--mcast-interface",
                "eth0");
            assertEquals(255, again.exitCode(), again.toString());
            assertTrue(again.stderr().contains("Daemon has already run"), again.toString());

            final Process tshark = new ProcessBuilder(lab.script().toString(), "exec", Lab.DIRECTOR2, "--",
                "tshark", "-i", "eth0", "-f", "udp dst port 8848", "-c", "1", "-a", "duration:40", "-w",
                capture.toString()).redirectErrorStream(true).redirectOutput(captureLog.toFile()).start();
            try
            {
                Lab.await("tshark to start", 15_000, () -> Files.readString(captureLog).contains("Capture started"));
                for (int attempt = 0; attempt < 10 && !tshark.waitFor(attempt == 0 ? 0 : 2, TimeUnit.SECONDS);
                    attempt++)
                {
                    lab.httpGet(Lab.CLIENT, "http://" + Lab.VIP + "/");
                }
                assertTrue(tshark.waitFor(5, TimeUnit.SECONDS), "tshark saw a sync message: " +
                    Files.readString(captureLog));
            }
            finally
            {
                tshark.descendants().forEach(ProcessHandle::destroy);
                tshark.destroy();
                tshark.waitFor(5, TimeUnit.SECONDS);
            }
            checkCapture(capture);
            Lab.await("director2 keeps the client's connections", 5_000, () ->
                lab.jvsadm(Lab.DIRECTOR2, "-L", "-n", "-c").stdout().contains("198.18.0.2:"));
            final String stats = lab.jvsadm(Lab.DIRECTOR2, "-L", "--daemon", "--stats").stdout();
            assertTrue(stats.matches("(?s).*received: [1-9][0-9]* messages.*applied: [1-9][0-9]* new.*"), stats);
            System.out.println("director2 " + stats.strip());
            assertEquals(0, lab.jvsadm(Lab.DIRECTOR1, "--stop-daemon", "master").exitCode());
            assertEquals("", lab.jvsadm(Lab.DIRECTOR1, "-L", "--daemon").stdout());
        }
        finally
        {
            Files.deleteIfExists(capture);
            Files.deleteIfExists(captureLog);
            Files.deleteIfExists(dir);
        }
    }

    private static void checkCapture(final Path capture) throws Exception
    {
        final String verbose = run("tshark", "-r", capture.toString(), "-d", "udp.port==8848,ipvs", "-V");
        assertTrue(verbose.contains("IP Virtual Services Sync Daemon"), verbose);
        assertFalse(verbose.contains("Malformed"), verbose);
        assertFalse(verbose.contains("Expert Info (Error"), verbose);
        final String fields = run("tshark", "-r", capture.toString(), "-d", "udp.port==8848,ipvs", "-T", "fields",
            "-e", "ip.src", "-e", "ip.dst", "-e", "ip.ttl", "-e", "ipvs.syncid", "-e", "ipvs.version",
            "-e", "ipvs.caddr", "-e", "ipvs.vaddr", "-e", "ipvs.vport", "-e", "ipvs.daddr", "-e", "ipvs.dport",
            "-e", "ipvs.conncount");
        final String line = fields.lines().filter(l -> l.contains("\t")).findFirst().orElse("");
        final String[] f = line.split("\t");
        assertEquals(11, f.length, fields);
        assertEquals("198.18.0.10", f[0], "from director1's address: " + fields);
        assertEquals("224.0.0.81", f[1], fields);
        assertEquals("1", f[2], "TTL 1: " + fields);
        assertEquals("9", f[3], fields);
        assertEquals("1", f[4], fields);
        assertEquals("198.18.0.2", f[5].split(",")[0], fields);
        assertEquals(Lab.VIP, f[6].split(",")[0], fields);
        assertEquals("80", f[7].split(",")[0], fields);
        assertTrue(f[8].split(",")[0].matches("198\\.18\\.0\\.1[12]"), "a real server: " + fields);
        assertEquals("80", f[9].split(",")[0], fields);
        System.out.println("tshark decoded a sync message from director1: " + line);
    }

    static void capture(final List<byte[]> messages, final Path capture, final Path captureLog) throws Exception
    {
        final Process tshark = new ProcessBuilder("tshark", "-i", "lo", "-f", "udp dst port 8848", "-c",
            String.valueOf(messages.size()), "-a", "duration:30", "-w", capture.toString())
            .redirectErrorStream(true).redirectOutput(captureLog.toFile()).start();
        try
        {
            Lab.await("tshark to start", 15_000, () -> Files.readString(captureLog).contains("Capture started"));
            // The capture may attach its filter a moment after it says so: resend (bounded) until it has both.
            try (DatagramSocket socket = new DatagramSocket())
            {
                for (int attempt = 0; attempt < 10 && !tshark.waitFor(attempt == 0 ? 0 : 2, TimeUnit.SECONDS);
                    attempt++)
                {
                    for (final byte[] m : messages)
                    {
                        socket.send(new DatagramPacket(m, m.length, InetAddress.getLoopbackAddress(),
                            SyncProtocol.PORT));
                    }
                }
            }
            assertTrue(tshark.waitFor(5, TimeUnit.SECONDS), "tshark saw both messages: " +
                Files.readString(captureLog));
        }
        finally
        {
            tshark.destroy();
            tshark.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static List<byte[]> encode()
    {
        final List<byte[]> messages = new ArrayList<>();
        final SyncEncoder encoder = new SyncEncoder(SyncProtocol.DEFAULT_SYNC_ID,
            SyncProtocol.DEFAULT_MAX_MESSAGE_LENGTH, (buffer, offset, length) ->
            {
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                messages.add(copy);
            });
        for (int i = 0; i < ENTRIES; i++)
        {
            encoder.append(new SyncEntry().protocol(false, ServiceKey.TCP)
                .client(0, SyncCodecTest.CIP & 0xFFFF_FFFFL, 40000 + i)
                .virtual(0, SyncCodecTest.VIP & 0xFFFF_FFFFL, 80)
                .destination(0, SyncCodecTest.RIP1 & 0xFFFF_FFFFL, 80)
                .status(ConnectionTable.F_DROUTE | ConnectionTable.F_NOOUTPUT, TcpStates.ESTABLISHED, 0, 900));
        }
        encoder.flush();
        return messages;
    }

    static String run(final String... command) throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        final byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + new String(out, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }
}
