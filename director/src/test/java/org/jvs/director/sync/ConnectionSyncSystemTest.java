package org.jvs.director.sync;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.jvs.director.lab.Lab;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection sync between two jvs directors in the two-director DR lab ({@code scripts/lab up dr --directors 2}):
 * keepalived.conf's {@code lvs_sync_daemon eth0 VI_1 id 7} runs the master sync daemon on the VRRP MASTER
 * (director1) and the backup one on director2. A rate-limited download through the MASTER is synced to the
 * BACKUP; the MASTER's jvs is killed (SIGKILL); VRRP moves the VIP; the download completes byte-exact because the
 * new MASTER forwards the client's packets of the existing connection to the same real server. Without sync the
 * new MASTER would drop them (no connection, not a SYN) and the download would stall.
 * Run with {@code -Djvs.systemTests=true} as root.
 */
class ConnectionSyncSystemTest
{
    private static final Path STATE = Paths.get("/run/jvs-lab");
    private static final int FILE_BYTES = 24 << 20;
    private static final String RATE = "3M";

    @Test
    void aDownloadStartedThroughTheMasterCompletesByteExactAfterTheMasterIsKilled() throws Exception
    {
        Lab.assumeSystemTests();
        try (Lab lab = Lab.up("dr", "--directors", "2", "--check", "none",
            "--vrrp-global", "global_defs {\n    lvs_sync_daemon eth0 VI_1 id 7\n}"))
        {
            Lab.await("director1 runs the master sync daemon, director2 the backup one", 20_000, () ->
                lab.jvsadm(Lab.DIRECTOR1, "-L", "--daemon").stdout()
                    .equals("master sync daemon (mcast=eth0, syncid=7)\n") &&
                lab.jvsadm(Lab.DIRECTOR2, "-L", "--daemon").stdout()
                    .equals("backup sync daemon (mcast=eth0, syncid=7)\n"));
            final byte[] content = new byte[FILE_BYTES];
            new Random(8848).nextBytes(content);
            final Path file = STATE.resolve("sync.bin");
            Files.write(file, content);
            for (final String rs : List.of("rs1", "rs2"))
            {
                Files.createSymbolicLink(STATE.resolve(rs).resolve("www/sync.bin"), file);
            }
            final Path out = Files.createTempFile("jvs-sync-download", ".bin");
            final File curlLog = Files.createTempFile("jvs-sync-curl", ".log").toFile();
            final Process curl = new ProcessBuilder(lab.script().toString(), "exec", Lab.CLIENT, "--", "curl", "-sS",
                "--max-time", "90", "--limit-rate", RATE, "-o", out.toString(), "-w", "%{http_code} %{size_download}",
                "http://" + Lab.VIP + "/sync.bin").redirectErrorStream(true).redirectOutput(curlLog).start();
            try
            {
                Lab.await("director2 holds the download's connection, synced", 10_000, () ->
                    lab.jvsadm(Lab.DIRECTOR2, "-L", "-n", "-c").stdout().lines().anyMatch(l ->
                        l.contains("ESTABLISHED") && l.contains("198.18.0.2:") && l.contains(Lab.VIP + ":80")));
                Lab.await("the download is under way", 10_000, () -> Files.size(out) > FILE_BYTES / 16);
                assertTrue(curl.isAlive(), "the download lasts beyond the kill");
                System.out.println("director2 before the kill: " +
                    lab.jvsadm(Lab.DIRECTOR2, "-L", "--daemon", "--stats").stdout().strip());
                final long sizeAtKill = Files.size(out);
                final long killNs = System.nanoTime();
                lab.kill(Lab.DIRECTOR1);
                assertTrue(curl.waitFor(90, TimeUnit.SECONDS), "curl ended");
                final long doneMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killNs);
                final String result = Files.readString(curlLog.toPath());
                assertEquals(0, curl.exitValue(), "curl: " + result);
                assertEquals("200 " + FILE_BYTES, result.strip());
                assertEquals(sha256(content), sha256(out), "byte-exact");
                Lab.await("director2 is now the master sync daemon", 10_000, () ->
                    lab.jvsadm(Lab.DIRECTOR2, "-L", "--daemon").stdout()
                        .equals("master sync daemon (mcast=eth0, syncid=7)\n"));
                System.out.println("connection sync takeover: " + sizeAtKill + " of " + FILE_BYTES +
                    " bytes before SIGKILL of director1's jvs; the rest through director2, done " + doneMs +
                    " ms after the kill; sha256 equal");
                System.out.println("director2 after: " +
                    lab.jvsadm(Lab.DIRECTOR2, "-L", "--daemon", "--stats").stdout().strip());
            }
            finally
            {
                curl.descendants().forEach(ProcessHandle::destroyForcibly);
                curl.destroyForcibly();
                Files.deleteIfExists(out);
                Files.deleteIfExists(curlLog.toPath());
                Files.deleteIfExists(file);
            }
        }
    }

    static String sha256(final byte[] bytes) throws Exception
    {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String sha256(final Path path) throws Exception
    {
        final MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(path))
        {
            final byte[] chunk = new byte[1 << 16];
            for (int n; (n = in.read(chunk)) > 0;)
            {
                digest.update(chunk, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
