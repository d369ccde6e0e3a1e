package org.jvs.bench.sched;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the CSV of a {@link SchedulerBenchmark} run ({@code -rf csv -prof gc}) into the Markdown section
 * {@code ## Schedulers (JMH)} of {@code bench/RESULTS.md}: ns/op per scheduler and server count, allocation,
 * and the ratio of jvs's lc, wlc, sed and nq to the kernel's list walk measured in the same run.
 * <p>
 * Usage: {@code SchedJmhReport CSV[,CSV...] RESULTS.md COMMAND DATE NOTE}.
 */
public final class SchedJmhReport
{
    /** Row order of the tables: the kernel's order of the schedulers, then the references. */
    static final List<String> ORDER = List.of("rr", "wrr", "lc", "wlc", "sed", "nq", "fo", "ovf", "twos",
        "lblc", "lblcr", "dh", "sh", "mh", "ipvs-lc", "ipvs-wlc", "ipvs-sed", "ipvs-nq");

    private static final String CLASS = SchedulerBenchmark.class.getSimpleName() + ".";
    private static final String[] METHODS = {"schedule", "scheduleAndChurn"};

    /** benchmark method → scheduler → servers → {score, error}. */
    private final Map<String, Map<String, TreeMap<Integer, double[]>>> time = new LinkedHashMap<>();
    /** benchmark method → scheduler → servers → B/op. */
    private final Map<String, Map<String, TreeMap<Integer, Double>>> alloc = new LinkedHashMap<>();

    private SchedJmhReport()
    {
    }

    /**
     * @param args CSV files (comma-separated), RESULTS.md, the command that ran, its date, a note about the run.
     * @throws IOException when a file cannot be read or written.
     */
    public static void main(final String[] args) throws IOException
    {
        if (args.length != 5)
        {
            System.err.println("usage: SchedJmhReport CSV RESULTS.md COMMAND DATE NOTE");
            System.exit(2);
        }
        final SchedJmhReport report = new SchedJmhReport();
        for (final String csv : args[0].split(","))
        {
            report.read(Path.of(csv));
        }
        ResultsFile.replaceSection(Path.of(args[1]), "## Schedulers (JMH)", report.markdown(args[2], args[3], args[4]));
    }

    private void read(final Path csv) throws IOException
    {
        final List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        final List<String> header = fields(lines.get(0));
        final int score = header.indexOf("Score");
        final int error = header.indexOf("Score Error (99.9%)");
        final int unit = header.indexOf("Unit");
        final int scheduler = header.indexOf("Param: scheduler");
        final int servers = header.indexOf("Param: servers");
        for (final String line : lines.subList(1, lines.size()))
        {
            final List<String> f = fields(line);
            final String benchmark = f.get(0);
            final String method = benchmark.substring(benchmark.indexOf(CLASS) + CLASS.length());
            final String name = f.get(scheduler);
            final int count = Integer.parseInt(f.get(servers));
            if (method.endsWith(":gc.alloc.rate.norm"))
            {
                final String base = method.substring(0, method.indexOf(':'));
                alloc.computeIfAbsent(base, k -> new LinkedHashMap<>()).computeIfAbsent(name, k -> new TreeMap<>())
                    .put(count, number(f.get(score)));
            }
            else if (!method.contains(":") && "ns/op".equals(f.get(unit)))
            {
                time.computeIfAbsent(method, k -> new LinkedHashMap<>()).computeIfAbsent(name, k -> new TreeMap<>())
                    .put(count, new double[] {number(f.get(score)), number(f.get(error))});
            }
        }
    }

    private String markdown(final String command, final String date, final String note)
    {
        final StringBuilder md = new StringBuilder();
        md.append("Command (").append(date).append("):\n\n```\n").append(command).append("\n```\n\n");
        md.append(note).append("\n\n");
        final List<String> missing = new ArrayList<>();
        for (final String name : ORDER)
        {
            if (time.values().stream().noneMatch(rows -> rows.containsKey(name)))
            {
                missing.add(name);
            }
        }
        if (!missing.isEmpty())
        {
            md.append("Not in this run (not found by the SchedulerRegistry when it ran): ")
                .append(String.join(", ", missing)).append(".\n\n");
        }
        for (final String method : METHODS)
        {
            final Map<String, TreeMap<Integer, double[]>> rows = time.get(method);
            if (rows == null)
            {
                continue;
            }
            md.append("### `").append(method).append("` (ns/op ± 99.9% error; B/op from `-prof gc`)\n\n");
            final List<Integer> sizes = sizes(rows);
            md.append("| scheduler |");
            sizes.forEach(n -> md.append(" ").append(n).append(" servers |"));
            md.append(" B/op (max) |\n|---|");
            sizes.forEach(n -> md.append("---:|"));
            md.append("---:|\n");
            for (final String name : ordered(rows.keySet()))
            {
                md.append("| ").append(name).append(" |");
                for (final int n : sizes)
                {
                    final double[] v = rows.get(name).get(n);
                    md.append(' ').append(cell(v)).append(" |");
                }
                md.append(' ').append(maxAlloc(method, name)).append(" |\n");
            }
            md.append('\n');
            ratios(md, rows, sizes);
        }
        return md.toString();
    }

    private static void ratios(
        final StringBuilder md, final Map<String, TreeMap<Integer, double[]>> rows, final List<Integer> sizes)
    {
        final List<String> pairs = new ArrayList<>();
        for (final String name : List.of("lc", "wlc", "sed", "nq"))
        {
            if (rows.containsKey(name) && rows.containsKey("ipvs-" + name))
            {
                pairs.add(name);
            }
        }
        if (pairs.isEmpty())
        {
            return;
        }
        md.append("jvs ÷ kernel list walk (same run; below 1 means jvs is faster):\n\n| scheduler |");
        sizes.forEach(n -> md.append(" ").append(n).append(" |"));
        md.append("\n|---|");
        sizes.forEach(n -> md.append("---:|"));
        md.append('\n');
        for (final String name : pairs)
        {
            md.append("| ").append(name).append(" ÷ ipvs-").append(name).append(" |");
            for (final int n : sizes)
            {
                final double[] jvs = rows.get(name).get(n);
                final double[] ipvs = rows.get("ipvs-" + name).get(n);
                md.append(' ').append(jvs == null || ipvs == null ?
                    "–" : String.format(Locale.ROOT, "%.2f", jvs[0] / ipvs[0])).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private String maxAlloc(final String method, final String name)
    {
        final Map<String, TreeMap<Integer, Double>> rows = alloc.get(method);
        if (rows == null || rows.get(name) == null)
        {
            return "–";
        }
        double max = 0;
        for (final double v : rows.get(name).values())
        {
            max = Math.max(max, v);
        }
        return String.format(Locale.ROOT, "%.3f", max);
    }

    private static List<Integer> sizes(final Map<String, TreeMap<Integer, double[]>> rows)
    {
        final TreeMap<Integer, Boolean> all = new TreeMap<>();
        rows.values().forEach(r -> r.keySet().forEach(n -> all.put(n, true)));
        return new ArrayList<>(all.keySet());
    }

    private static List<String> ordered(final Iterable<String> names)
    {
        final List<String> list = new ArrayList<>();
        names.forEach(list::add);
        list.sort(Comparator.comparingInt(SchedJmhReport::rank).thenComparing(Comparator.naturalOrder()));
        return list;
    }

    private static int rank(final String name)
    {
        final int i = ORDER.indexOf(name);
        return i < 0 ? ORDER.size() : i;
    }

    private static String cell(final double[] scoreAndError)
    {
        if (scoreAndError == null)
        {
            return "–";
        }
        return format(scoreAndError[0]) + (Double.isNaN(scoreAndError[1]) ? "" : " ± " + format(scoreAndError[1]));
    }

    private static String format(final double value)
    {
        if (Double.isNaN(value))
        {
            return "?";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static double number(final String text)
    {
        return text.isEmpty() || "NaN".equals(text) ? Double.NaN : Double.parseDouble(text);
    }

    private static List<String> fields(final String line)
    {
        final List<String> out = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                out.add(field.toString());
                field.setLength(0);
            }
            else
            {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
