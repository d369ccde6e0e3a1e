package org.jvs.director.schedsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.jvs.core.sched.SchedulerRegistry;

/**
 * Replays every {@code examples/schedsim/*.sim} through the real schedulers and compares the output with its
 * {@code .expected}, line for line. The scenarios are the project's worked examples of each scheduler.
 */
class ExampleScenariosTest
{
    private static final SchedulerRegistry REGISTRY = new SchedulerRegistry();

    @Test
    void theScenarioDirectoryHoldsPairsAndEverySimHasItsExpected() throws IOException
    {
        final List<Path> scenarios = scenarios();
        assertFalse(scenarios.isEmpty(), "no .sim file in " + directory());
        for (final Path sim : scenarios)
        {
            assertTrue(Files.isRegularFile(expectedOf(sim)), sim.getFileName() + " has no .expected beside it");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioPrintsItsExpectedOutput() throws IOException
    {
        return scenarios().stream()
            .map(sim -> DynamicTest.dynamicTest(sim.getFileName().toString(), () -> replay(sim)));
    }

    private static void replay(final Path sim) throws IOException
    {
        final List<String> expected = Files.readAllLines(expectedOf(sim), StandardCharsets.UTF_8);
        final List<String> actual;
        try (Reader reader = Files.newBufferedReader(sim, StandardCharsets.UTF_8))
        {
            actual = SchedSimScript.run(new SchedSim(REGISTRY), reader, sim.getFileName().toString());
        }
        catch (final ScenarioException ex)
        {
            fail("scenario refused: " + ex.getMessage());
            return;
        }
        final List<String> differences = new ArrayList<>();
        final int lines = Math.max(expected.size(), actual.size());
        for (int i = 0; i < lines; i++)
        {
            final String want = i < expected.size() ? expected.get(i) : "(nothing)";
            final String got = i < actual.size() ? actual.get(i) : "(nothing)";
            if (!want.equals(got))
            {
                differences.add("line " + (i + 1) + ": expected '" + want + "', got '" + got + "'");
            }
        }
        assertEquals(List.of(), differences, sim.getFileName() + " differs from its .expected");
    }

    private static List<Path> scenarios() throws IOException
    {
        final Path directory = directory();
        assertTrue(Files.isDirectory(directory), directory + " is missing");
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(p -> p.getFileName().toString().endsWith(".sim")).sorted().toList();
        }
    }

    private static Path directory()
    {
        final String root = System.getProperty("jvs.root");
        assertNotNull(root, "system property jvs.root (set by surefire to the multi-module root) is missing");
        return Path.of(root, "examples", "schedsim");
    }

    private static Path expectedOf(final Path sim)
    {
        final String name = sim.getFileName().toString();
        return sim.resolveSibling(name.substring(0, name.length() - ".sim".length()) + ".expected");
    }
}
