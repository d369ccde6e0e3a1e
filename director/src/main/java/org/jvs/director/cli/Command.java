package org.jvs.director.cli;

import java.io.PrintStream;

/**
 * A {@code jvs} subcommand. Each has a public no-argument constructor and is named in {@link
 * org.jvs.director.Main}'s table.
 */
public interface Command
{
    /**
     * @param args arguments after the subcommand's name.
     * @param out  standard output.
     * @param err  standard error.
     * @return the exit status: 0 success, 1 failure, 2 bad usage or input.
     * @throws Exception anything unexpected; Main prints it and exits 1.
     */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
}
