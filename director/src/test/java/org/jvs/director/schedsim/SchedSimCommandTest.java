package org.jvs.director.schedsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvs.director.Main;

/**
 * {@code jvs schedsim} as a user runs it: through Main, exit statuses, and what goes to which stream.
 */
class SchedSimCommandTest
{
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsOneLinePerConnThroughTheRealScheduler() throws IOException
    {
        final Path file = write("sh.sim", "service tcp 198.18.0.100:80 sh\n"
            + "server rs1 198.18.1.1:80 weight 1\n"
            + "server rs2 198.18.1.2:80 weight 1\n"
            + "conn 198.18.0.1:40000   # bucket 188, even: rs2 (list rs2, rs1)\n"
            + "conn 198.18.0.5:40000   # bucket 67, odd: rs1\n");
        assertEquals(0, run("schedsim", file.toString()));
        assertEquals("1 rs2\n2 rs1\n", text(out));
        assertEquals("", text(err));
    }

    @Test
    void aBadLineAfterConnectionsPrintsOnlyItsMessage() throws IOException
    {
        final Path file = write("late.sim", "service tcp 198.18.0.100:80 sh\n"
            + "server rs1 198.18.1.1:80 weight 1\n"
            + "conn 198.18.0.1:40000\n"
            + "conn 198.18.0.5:40000\n"
            + "weight rs9 2\n");
        assertEquals(2, run("schedsim", file.toString()));
        assertEquals("", text(out));
        assertEquals(file + ":5: unknown server 'rs9' (not in the service's list)\n", text(err));
    }

    @Test
    void unknownSchedulerIsRefusedWithIpvsadmsWordsAndExitTwo() throws IOException
    {
        final Path file = write("bad.sim", "# ipvsadm -A -t 198.18.0.100:80 -s nosuch\n"
            + "service tcp 198.18.0.100:80 nosuch\n");
        assertEquals(2, run("schedsim", file.toString()));
        assertEquals("", text(out));
        assertEquals(file + ":2: Scheduler not found: nosuch\n", text(err));
    }

    @Test
    void anUnknownDirectiveIsRefusedWithItsLine() throws IOException
    {
        final Path file = write("bogus.sim", "\n# nothing yet\nbogus\n");
        assertEquals(2, run("schedsim", file.toString()));
        assertEquals("", text(out));
        assertTrue(text(err).startsWith(file + ":3: unknown directive 'bogus'"), text(err));
    }

    @Test
    void missingFileAndBadArgumentsExitTwo()
    {
        assertEquals(2, run("schedsim", dir.resolve("none.sim").toString()));
        assertEquals("jvs schedsim: " + dir.resolve("none.sim") + ": no such file\n", text(err));
        err.reset();
        assertEquals(2, run("schedsim", "a.sim", "b.sim"));
        assertTrue(text(err).startsWith("usage: jvs schedsim [FILE]"), text(err));
        err.reset();
        assertEquals(2, run("schedsim", "--fast"));
        assertTrue(text(err).startsWith("usage: jvs schedsim [FILE]"), text(err));
        assertEquals(0, run("schedsim", "--help"));
        assertTrue(text(out).startsWith("usage: jvs schedsim [FILE]"), text(out));
    }

    private int run(final String... args)
    {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path write(final String name, final String text) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static String text(final ByteArrayOutputStream stream)
    {
        return stream.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
