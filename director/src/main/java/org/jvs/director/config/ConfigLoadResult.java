package org.jvs.director.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.jvs.director.config.model.KeepalivedConfig;

/**
 * What loading a keepalived.conf gave.
 *
 * @param file        the file loaded.
 * @param config      the model; when there are errors it holds what could be read and must not be used.
 * @param diagnostics every error and warning, in the order found.
 */
public record ConfigLoadResult(Path file, KeepalivedConfig config, List<Diagnostic> diagnostics)
{
    /**
     * Copies the list.
     */
    public ConfigLoadResult
    {
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * @return true when there is no error: the configuration would load.
     */
    public boolean ok()
    {
        return errors().isEmpty();
    }

    /**
     * @return the errors.
     */
    public List<Diagnostic> errors()
    {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    /**
     * @return the warnings.
     */
    public List<Diagnostic> warnings()
    {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }

    /**
     * @return the model.
     * @throws IllegalArgumentException listing every error, one per line, when there are errors.
     */
    public KeepalivedConfig orThrow()
    {
        if (!ok())
        {
            throw new IllegalArgumentException(file + ": " + errors().size() + " error(s):" + System.lineSeparator() +
                errors().stream().map(Diagnostic::toString).collect(Collectors.joining(System.lineSeparator())));
        }
        return config;
    }
}
