package org.jvs.director.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvs.director.config.model.KeepalivedConfig;

/**
 * {@code include}: globs, paths relative to the including file's directory, file:line of included tokens,
 * missing files, loops.
 */
class IncludeTest
{
    @TempDir
    Path dir;

    private Path write(final String name, final String... lines) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private ConfigLoadResult load(final Path file)
    {
        return new KeepalivedConfigLoader(Set.of("rr", "wlc")).load(file);
    }

    private static List<String> strings(final List<Diagnostic> diagnostics)
    {
        return diagnostics.stream().map(Diagnostic::toString).toList();
    }

    @Test
    void globIsRelativeToTheIncludingFileAndSorted() throws IOException
    {
        write("etc/conf.d/20-b.conf", "virtual_server 198.18.0.2 80 {", "  lb_algo rr", "}");
        write("etc/conf.d/10-a.conf", "virtual_server 198.18.0.1 80 {", "  lb_algo wlc", "  weight 1", "}");
        write("etc/conf.d/notes.txt", "this is not included");
        final Path main = write("etc/keepalived.conf", "global_defs {", "  router_id R1", "}",
            "include conf.d/*.conf  # services");
        final ConfigLoadResult result = load(main);
        final KeepalivedConfig config = result.config();
        assertEquals(2, config.virtualServers().size());
        assertEquals("198.18.0.1 80", config.virtualServers().get(0).name());
        assertEquals("198.18.0.2 80", config.virtualServers().get(1).name());
        assertEquals(dir.resolve("etc/conf.d/20-b.conf") + ":1", config.virtualServers().get(1).location().toString());
        assertTrue(result.ok(), result.errors().toString());
        assertTrue(strings(result.warnings()).contains(dir.resolve("etc/conf.d/10-a.conf") + ":3: warning: 'weight'" +
            " does not belong in virtual_server: ignored (expected inside a real_server block)"),
            strings(result.warnings()).toString());
    }

    @Test
    void braceGlobAsGlobBrace() throws IOException
    {
        write("c/a.conf", "virtual_server 198.18.0.1 80 {", "}");
        write("c/b.conf", "virtual_server 198.18.0.2 80 {", "}");
        write("c/c.conf", "virtual_server 198.18.0.3 80 {", "}");
        final ConfigLoadResult result = load(write("main.conf", "include c/{a,c}.conf"));
        assertEquals(List.of("198.18.0.1 80", "198.18.0.3 80"),
            result.config().virtualServers().stream().map(v -> v.name()).toList());
    }

    @Test
    void includeInsideABlockAndNested() throws IOException
    {
        write("rs/one.conf", "real_server 198.18.1.1 80 {", "  weight 4", "}", "include two.conf");
        write("rs/two.conf", "real_server 198.18.1.2 80 {", "}");
        final Path main = write("main.conf", "virtual_server 198.18.0.1 80 {", "  include rs/one.conf", "}");
        final ConfigLoadResult result = load(main);
        assertTrue(result.ok(), result.diagnostics().toString());
        assertEquals(2, result.config().virtualServers().get(0).realServers().size());
        assertEquals(4, result.config().virtualServers().get(0).realServers().get(0).weight());
    }

    @Test
    void missingIncludeFileIsAnErrorAtTheIncludeLine() throws IOException
    {
        final Path main = write("main.conf", "global_defs {", "}", "include missing.conf");
        assertEquals(List.of(main + ":3: error: cannot read include file '" + dir.resolve("missing.conf") +
            "': no such file (expected an existing, readable file)"), strings(load(main).errors()));
    }

    @Test
    void globMatchingNothingIsAWarning() throws IOException
    {
        final Path main = write("main.conf", "include conf.d/*.conf");
        final ConfigLoadResult result = load(main);
        assertTrue(result.ok());
        assertEquals(List.of(main + ":1: warning: include 'conf.d/*.conf' matched no file (looked for " +
            dir.resolve("conf.d/*.conf") + ")"), strings(result.warnings()));
    }

    @Test
    void includeLoopIsAnError() throws IOException
    {
        final Path a = write("a.conf", "include b.conf");
        final Path b = write("b.conf", "include a.conf");
        assertEquals(List.of(b + ":1: error: include loop: '" + dir.resolve("a.conf") + "' is already being read" +
            " (expected no include loop)"), strings(load(a).errors()));
    }

    @Test
    void includeDepthIsLimited() throws IOException
    {
        for (int i = 0; i <= ConfigLexer.MAX_INCLUDE_DEPTH + 1; i++)
        {
            write("d" + i + ".conf", "include d" + (i + 1) + ".conf");
        }
        final List<String> errors = strings(load(dir.resolve("d0.conf")).errors());
        assertEquals(List.of(dir.resolve("d" + ConfigLexer.MAX_INCLUDE_DEPTH + ".conf") + ":1: error: includes" +
            " nested more than 8 deep (expected no include loop)"), errors);
    }

    @Test
    void missingTopFile()
    {
        final Path missing = dir.resolve("nope.conf");
        assertEquals(List.of(missing + ": error: cannot read configuration file '" + missing + "': no such file" +
            " (expected an existing, readable file)"), strings(load(missing).errors()));
    }
}
