package org.jvs.director.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.jvs.director.check.HealthCheckValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --config-test}: findings on stderr with file:line, a summary, exit 0 only when the config would load.
 */
class ConfigTestTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String name)
    {
        return ConfigTest.run(Path.of(FixtureLoadTest.DIR + name), Set.copyOf(KeepalivedConfigLoader.IPVS_SCHEDULERS),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String[] lines(final ByteArrayOutputStream stream)
    {
        final String text = stream.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? new String[0] : text.split("\n");
    }

    @Test
    void goodConfigExitsZeroWithWarningsOnStderr()
    {
        assertEquals(0, run("seed002-master.conf"));
        assertEquals(FixtureLoadTest.DIR + "seed002-master.conf: configuration OK: 1 virtual_server, 2 real_servers," +
            " 1 vrrp_instance, 0 warnings", lines(out)[0]);
        final String[] findings = lines(err);
        assertEquals(0, findings.length, "vrrp_instance is acted on (VRRP agent): " + String.join("\n", findings));
    }

    @Test
    void wrongSnippetExitsOneNamingEachStrayLine()
    {
        assertEquals(1, run("seed004-dr-web-snippet.conf"));
        assertEquals(0, lines(out).length);
        final String[] findings = lines(err);
        final String f = FixtureLoadTest.DIR + "seed004-dr-web-snippet.conf";
        assertEquals(5, findings.length, String.join("\n", findings));
        assertEquals(2, java.util.Arrays.stream(findings).filter(l -> l.startsWith(f + ":10: error: ") ||
            l.startsWith(f + ":19: error: ")).count());
        assertEquals(f + ": configuration does not load: 2 errors, 2 warnings", findings[4]);
    }

    @Test
    void registeredSchedulersAcceptEverySeedConfig()
    {
        for (final String name : new String[] {"seed002-master.conf", "seed002-backup.conf", "seed003-master.conf",
            "seed003-backup.conf", "seed004-httpd.conf", "seed004-mysql.conf"})
        {
            assertEquals(0, ConfigTest.run(Path.of(FixtureLoadTest.DIR + name),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                name + ": " + err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void healthCheckersThatCannotRunFailTheTestWithFileAndLine(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, "virtual_server 198.18.0.100 53 {\n    lb_algo rr\n    lb_kind DR\n" +
            "    protocol UDP\n    real_server 198.18.0.11 53 {\n        UDP_CHECK {\n            payload zz\n" +
            "        }\n        DNS_CHECK {\n            name www..test\n        }\n    }\n}\n");
        final PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        final PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(0, ConfigTest.run(file, o, e), "without the checkers' validation it loads");
        err.reset();
        assertEquals(1, ConfigTest.run(file, HealthCheckValidator::validate, o, e));
        final String[] findings = lines(err);
        assertEquals(file + ":7: error: payload 'zz' is not a hex string: 'z' (expected hex digits and spaces, " +
            "e.g. '0a0b0c')", findings[0]);
        assertEquals(file + ":10: error: name 'www..test' has an empty label ('..')", findings[1]);
        assertEquals(file + ": configuration does not load: 2 errors, 0 warnings", findings[2]);
    }

    @Test
    void missingFileExitsOne()
    {
        assertEquals(1, run("no-such.conf"));
    }
}
