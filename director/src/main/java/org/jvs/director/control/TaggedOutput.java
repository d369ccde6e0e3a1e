package org.jvs.director.control;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Standard output and standard error of a command run for a control socket client, kept as one list of
 * tagged lines ({@code "O text"}, {@code "E text"}) in the order they were written.
 */
final class TaggedOutput
{
    private final List<String> lines = new ArrayList<>();
    private final LineStream out = new LineStream(ControlProtocol.STDOUT);
    private final LineStream err = new LineStream(ControlProtocol.STDERR);
    private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

    PrintStream out()
    {
        return outStream;
    }

    PrintStream err()
    {
        return errStream;
    }

    /**
     * @return the tagged lines; a last line without a newline counts as a line.
     */
    List<String> lines()
    {
        outStream.flush();
        errStream.flush();
        out.finish();
        err.finish();
        return lines;
    }

    private final class LineStream extends OutputStream
    {
        private final char tag;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineStream(final char tag)
        {
            this.tag = tag;
        }

        @Override
        public void write(final int b)
        {
            if (b == '\n')
            {
                finishLine();
            }
            else
            {
                line.write(b);
            }
        }

        void finish()
        {
            if (line.size() > 0)
            {
                finishLine();
            }
        }

        private void finishLine()
        {
            lines.add(tag + " " + line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
