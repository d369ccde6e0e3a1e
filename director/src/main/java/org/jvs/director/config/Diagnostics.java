package org.jvs.director.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the errors and warnings of one load, in the order found. The same finding at the same place is kept
 * once, so a file included twice, or a keyword met again through another path, does not repeat itself.
 */
public final class Diagnostics
{
    private final List<Diagnostic> all = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private int errorCount;

    /**
     * @param location where.
     * @param message  what went wrong; should end with {@code (expected ...)}.
     */
    public void error(final Location location, final String message)
    {
        add(new Diagnostic(Diagnostic.Severity.ERROR, location, message));
    }

    /**
     * @param location where.
     * @param message  what is ignored or not acted on.
     */
    public void warning(final Location location, final String message)
    {
        add(new Diagnostic(Diagnostic.Severity.WARNING, location, message));
    }

    private void add(final Diagnostic diagnostic)
    {
        if (seen.add(diagnostic.toString()))
        {
            all.add(diagnostic);
            if (diagnostic.isError())
            {
                errorCount++;
            }
        }
    }

    /**
     * @return true when at least one error was found.
     */
    public boolean hasErrors()
    {
        return errorCount > 0;
    }

    /**
     * @return number of errors.
     */
    public int errorCount()
    {
        return errorCount;
    }

    /**
     * @return number of warnings.
     */
    public int warningCount()
    {
        return all.size() - errorCount;
    }

    /**
     * @return every finding, in the order found.
     */
    public List<Diagnostic> list()
    {
        return List.copyOf(all);
    }
}
