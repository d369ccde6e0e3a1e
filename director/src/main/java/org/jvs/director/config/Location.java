package org.jvs.director.config;

/**
 * Where a token of keepalived.conf stands: the file as it was named (the path given on the command line, or an
 * include resolved against its including file's directory) and a 1-based line number.
 *
 * @param file the file's path as text.
 * @param line 1-based line number, 0 for the file as a whole.
 */
public record Location(String file, int line)
{
    /**
     * @return {@code FILE:LINE}, or {@code FILE} for the whole file.
     */
    @Override
    public String toString()
    {
        return line > 0 ? file + ":" + line : file;
    }
}
