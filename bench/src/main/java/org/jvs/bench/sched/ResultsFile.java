package org.jvs.bench.sched;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one {@code ## Section} of {@code bench/RESULTS.md}, leaving every other section as it is.
 */
public final class ResultsFile
{
    private static final String TITLE = "# jvs benchmark results";

    private ResultsFile()
    {
    }

    /**
     * Replace the section under {@code heading} (up to the next {@code ## } heading), or append it.
     *
     * @param file    the results file (made when missing).
     * @param heading the section's heading line, e.g. {@code ## Scheduler quality}.
     * @param body    the section's text after the heading.
     * @throws IOException when the file cannot be read or written.
     */
    public static void replaceSection(final Path file, final String heading, final String body) throws IOException
    {
        final List<String> lines = Files.exists(file) ?
            new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new ArrayList<>(List.of(TITLE, ""));
        final List<String> section = new ArrayList<>();
        section.add(heading);
        section.add("");
        section.addAll(List.of(body.strip().split("\n", -1)));
        section.add("");
        final int start = lines.indexOf(heading);
        if (start < 0)
        {
            if (!lines.isEmpty() && !lines.get(lines.size() - 1).isEmpty())
            {
                lines.add("");
            }
            lines.addAll(section);
        }
        else
        {
            int end = start + 1;
            while (end < lines.size() && !lines.get(end).startsWith("## "))
            {
                end++;
            }
            lines.subList(start, end).clear();
            lines.addAll(start, section);
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
