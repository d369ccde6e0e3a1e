package org.jvs.director.realserver;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jvs.director.Main;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jvs realserver} arguments: every mistake exits 2 and names the offending argument, before anything
 * touches the kernel (these run without root).
 */
class RealServerCommandTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args)
    {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} -> names ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "realserver|missing subcommand",
        "realserver bogus|'bogus'",
        "realserver tun-decap|missing IFNAME",
        "realserver tun-decap lo --vip|--vip needs a value",
        "realserver tun-decap lo --vip 198.18.0|'198.18.0'",
        "realserver tun-decap lo --vip 256.18.0.1|'256.18.0.1'",
        "realserver tun-decap lo --vip 198.18.0.1.5|'198.18.0.1.5'",
        "realserver tun-decap lo --vip 198..0.1|'198..0.1'",
        "realserver tun-decap lo --vip a.b.c.d|'a.b.c.d'",
        "realserver tun-decap lo --vip -1.2.3.4|'-1.2.3.4'",
        "realserver tun-decap lo --frob|'--frob'",
        "realserver tun-decap lo eth1|'eth1'",
        "realserver tun-decap lo --tun-name|--tun-name needs a value",
        "realserver tun-decap lo --tun-name sixteen-chars-xx|'sixteen-chars-xx'",
        "realserver tun-decap jvs-no-such0|'jvs-no-such0'",
        "realserver tun-decap this-name-is-too-long|'this-name-is-too-long'",
    })
    void badArgumentsExit2NamingTheArgument(final String line, final String named)
    {
        assertEquals(2, run(line.split(" ")), err());
        assertTrue(err().contains(named), "stderr names " + named + ": " + err());
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing on stdout");
    }

    @Test
    void helpExits0WithUsage()
    {
        assertEquals(0, run("realserver", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("tun-decap IFNAME [--vip A.B.C.D ...]"));
        out.reset();
        assertEquals(0, run("realserver", "tun-decap", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("ready"));
    }

    @Test
    void mainListsRealserver()
    {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("  realserver "), out.toString());
    }

    @Test
    void parsesEveryOption()
    {
        final TunDecapOptions options = TunDecapOptions.parse(
            new String[] {"--vip", "198.18.0.100", "eth0", "--vip", "198.18.0.101", "--tun-name", "decap7", "-q"});
        assertEquals("eth0", options.interfaceName());
        assertArrayEquals(new int[] {0xC6120064, 0xC6120065}, options.vips());
        assertEquals("decap7", options.tunName());
        assertTrue(options.quiet());
        final TunDecapOptions defaults = TunDecapOptions.parse(new String[] {"eth0"});
        assertEquals(0, defaults.vips().length);
        assertEquals("jvstun0", defaults.tunName());
        assertFalse(defaults.quiet());
        assertEquals("198.18.0.100", TunDecapOptions.formatIpv4(0xC6120064));
        assertEquals("255.0.0.1", TunDecapOptions.formatIpv4(TunDecapOptions.parseIpv4("255.0.0.1", "x")));
    }

    @Test
    void nftTableIsPerInterfaceAndReplacesALeftover()
    {
        assertEquals("jvs_tun_decap_eth0_100", KernelSetup.nftTableName("eth0.100"));
        final String script = KernelSetup.nftScript("eth0");
        assertTrue(script.startsWith("table ip jvs_tun_decap_eth0\ndelete table ip jvs_tun_decap_eth0\n"), script);
        assertTrue(script.contains("type filter hook input priority -300;"), script);
        assertTrue(script.contains("iifname \"eth0\" ip protocol 4 counter drop"), script);
    }
}
