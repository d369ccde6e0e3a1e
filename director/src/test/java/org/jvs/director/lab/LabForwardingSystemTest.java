package org.jvs.director.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole way, as a person runs it: {@code scripts/lab up MODE} starts this build's {@code jvs director}
 * with the lab's default keepalived.conf (rr over rs1 and rs2 on VIP:80/tcp and VIP:5353/udp), and the client, which
 * knows only the VIP, gets answers from both real servers in turn, over TCP and UDP, and a 1 MiB download
 * byte for byte. Runs after package (failsafe), so bin/jvs has the director. Root only.
 */
class LabForwardingSystemTest
{
    @BeforeEach
    void requireSystemTests()
    {
        Lab.assumeSystemTests();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dr", "nat", "tun"})
    void clientReachesBothRealServersThroughTheVip(final String mode) throws Exception
    {
        try (Lab lab = Lab.up(mode))
        {
            assertEquals("VIP 198.18.0.100 80", lab.vipLine());
            final List<String> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                answers.add(lab.httpGet(Lab.CLIENT, "http://" + Lab.VIP + "/"));
            }
            assertEquals(Set.of("rs1\n", "rs2\n"), Set.copyOf(answers), mode + ": " + answers);
            for (int i = 1; i < answers.size(); i++)
            {
                assertNotEquals(answers.get(i - 1), answers.get(i), mode + ": rr alternates: " + answers);
            }

            final String udp = lab.udpAsk(Lab.CLIENT, Lab.VIP, Lab.UDP_PORT, "via-" + mode);
            assertTrue(("rs1:via-" + mode).equals(udp) || ("rs2:via-" + mode).equals(udp), mode + ": " + udp);

            final String expected = Files.readString(Path.of("/run/jvs-lab/big.sha256")).strip();
            assertEquals(expected + "  -\n", lab.exec(Lab.CLIENT, "sh", "-c",
                "curl -s --noproxy '*' -m 30 http://" + Lab.VIP + "/big | sha256sum").stdout(),
                mode + ": /big arrives byte for byte");
        }
    }
}
