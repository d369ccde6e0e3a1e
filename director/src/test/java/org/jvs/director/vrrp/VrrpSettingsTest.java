package org.jvs.director.vrrp;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jvs.director.config.ConfigLoadResult;
import org.jvs.director.config.KeepalivedConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VrrpSettingsTest
{
    @TempDir
    Path dir;

    @Test
    void fromAParsedVrrpInstance() throws Exception
    {
        final Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, String.join("\n",
            "vrrp_instance VI_1 {",
            "  state BACKUP",
            "  interface eth0",
            "  virtual_router_id 51",
            "  priority 90",
            "  advert_int 2",
            "  nopreempt",
            "  preempt_delay 30",
            "  authentication {",
            "    auth_type PASS",
            "    auth_pass longersecret",
            "  }",
            "  virtual_ipaddress {",
            "    198.18.0.100/24 dev eth0",
            "    198.18.0.101",
            "  }",
            "  garp_master_delay 1",
            "  garp_master_repeat 3",
            "}", ""));
        final ConfigLoadResult result = new KeepalivedConfigLoader().load(file);
        assertTrue(result.ok(), result.diagnostics().toString());
        final VrrpSettings s = VrrpSettings.from(result.config().vrrpInstances().get(0), 0xC6120001);
        assertEquals(2, s.version());
        assertEquals(51, s.virtualRouterId());
        assertEquals(90, s.priority());
        assertEquals(200, s.advertIntervalCs());
        assertFalse(s.preempt());
        assertEquals(30_000_000_000L, s.preemptDelayNs());
        assertArrayEquals("longerse".getBytes(), s.password(), "PASS keeps 8 bytes");
        assertArrayEquals(new int[]{0xC6120064, 0xC6120065}, s.virtualAddresses());
        assertEquals(1_000_000_000L, s.garpDelayNs());
        assertEquals(3, s.garpRepeat());
    }

    @Test
    void badSettingsAreNamed()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VrrpSettings(
            2, 51, 100, 50, true, 0, null, 1, new int[]{2}, 0, 5, false));
        assertTrue(e.getMessage().contains("advert_int"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VrrpSettings(
            3, 51, 100, 50, true, 0, "x".getBytes(), 1, new int[]{2}, 0, 5, false));
        assertThrows(IllegalArgumentException.class, () -> new VrrpSettings(
            2, 0, 100, 100, true, 0, null, 1, new int[]{2}, 0, 5, false));
    }
}
