package org.jvs.schedulers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The teaching scenarios {@code examples/schedsim/NAME.sim} of rr, wrr, lc, wlc, sed, nq, fo, ovf and twos give
 * exactly {@code NAME.expected} (worked out by hand from the kernel's rules, see the comments in each file) when
 * replayed through these schedulers by the module's test reader of the format.
 */
class ConnectionSchedulerScenarioTest
{
    private static Path examples()
    {
        final String root = System.getProperty("jvs.root", "..");
        return Paths.get(root.isEmpty() ? ".." : root, "examples", "schedsim");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rr", "wrr", "lc", "wlc", "sed", "nq", "fo", "ovf", "twos"})
    void scenarioGivesExpectedLines(final String name) throws IOException
    {
        final List<String> lines = Files.readAllLines(examples().resolve(name + ".sim"));
        final List<String> expected = Files.readAllLines(examples().resolve(name + ".expected"));
        assertEquals(expected, new ScenarioRunner().run(lines));
    }
}
