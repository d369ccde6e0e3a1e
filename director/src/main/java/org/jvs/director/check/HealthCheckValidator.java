package org.jvs.director.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jvs.director.config.Diagnostic;
import org.jvs.director.config.Location;
import org.jvs.director.config.model.CheckerConfig;
import org.jvs.director.config.model.KeepalivedConfig;
import org.jvs.director.config.model.RealServerConfig;
import org.jvs.director.config.model.VirtualServerConfig;

/**
 * Checks what the health checker needs beyond the configuration's syntax, so that a misconfigured checker is a
 * clear error rather than a real server silently marked down: url paths, misc_path programs, UDP_CHECK payloads;
 * missing notify and quorum scripts are warnings.
 */
public final class HealthCheckValidator
{
    private HealthCheckValidator()
    {
    }

    /**
     * @param kind a checker kind.
     * @return true when jvs runs checkers of that kind (all of keepalived's eight).
     */
    public static boolean runs(final CheckerConfig.Kind kind)
    {
        return kind != null;
    }

    /**
     * @param config a loaded configuration.
     * @return errors (the checker cannot run as written) and warnings (a missing notify or quorum script).
     */
    public static List<Diagnostic> validate(final KeepalivedConfig config)
    {
        final List<Diagnostic> found = new ArrayList<>();
        for (final VirtualServerConfig vs : config.virtualServers())
        {
            script(found, vs.location(), "quorum_up", vs.options().quorumUp());
            script(found, vs.location(), "quorum_down", vs.options().quorumDown());
            for (final RealServerConfig rs : vs.realServers())
            {
                script(found, rs.location(), "notify_up", rs.notifyUp());
                script(found, rs.location(), "notify_down", rs.notifyDown());
                for (final CheckerConfig checker : rs.checkers())
                {
                    checker(found, checker);
                }
            }
        }
        return found;
    }

    private static void checker(final List<Diagnostic> found, final CheckerConfig checker)
    {
        if (checker instanceof CheckerConfig.Http http)
        {
            for (final CheckerConfig.Url url : http.urls())
            {
                final String path = url.path();
                if (path == null || !path.startsWith("/") || !path.chars().allMatch(c -> c > ' ' && c < 127))
                {
                    found.add(new Diagnostic(Diagnostic.Severity.ERROR, url.location(), "url path '" + path +
                        "' is not a request path (expected /PATH without spaces, e.g. 'path /index.html')"));
                }
            }
        }
        if (checker instanceof CheckerConfig.Udp udp)
        {
            udp(found, udp);
        }
        if (checker instanceof CheckerConfig.Dns dns)
        {
            final String problem = dnsNameProblem(dns.name());
            if (problem != null)
            {
                final Location at = dns.common().keywords().of("name");
                found.add(new Diagnostic(Diagnostic.Severity.ERROR, at != null ? at : dns.location(), "name '" +
                    dns.name() + "' " + problem));
            }
        }
        if (checker instanceof CheckerConfig.Misc misc)
        {
            final String problem = programProblem(misc.miscPath());
            if (problem != null)
            {
                found.add(new Diagnostic(Diagnostic.Severity.ERROR, misc.location(), "misc_path " + problem));
            }
        }
    }

    private static void udp(final List<Diagnostic> found, final CheckerConfig.Udp udp)
    {
        final Location payloadAt = udp.common().keywords().of("payload");
        if (udp.payload() != null && UdpProbe.hexProblem(udp.payload(), false) != null)
        {
            found.add(new Diagnostic(Diagnostic.Severity.ERROR, payloadAt != null ? payloadAt : udp.location(),
                "payload '" + udp.payload() + "' " + UdpProbe.hexProblem(udp.payload(), false)));
        }
        final Location replyAt = udp.common().keywords().of("require_reply");
        if (udp.replyPattern() != null && UdpProbe.hexProblem(udp.replyPattern(), true) != null)
        {
            found.add(new Diagnostic(Diagnostic.Severity.ERROR, replyAt != null ? replyAt : udp.location(),
                "require_reply '" + udp.replyPattern() + "' " + UdpProbe.hexProblem(udp.replyPattern(), true)));
        }
        if (udp.minReplyLength() > udp.maxReplyLength())
        {
            found.add(new Diagnostic(Diagnostic.Severity.ERROR, udp.location(), "min_reply_length " +
                udp.minReplyLength() + " is more than max_reply_length " + udp.maxReplyLength()));
        }
    }

    /**
     * @param name a DNS_CHECK name.
     * @return why it cannot go into a query, or null.
     */
    static String dnsNameProblem(final String name)
    {
        if (name.length() > 253 || !name.chars().allMatch(c -> c > ' ' && c < 127))
        {
            return "is not a domain name (expected printable ASCII, at most 253 characters, e.g. 'name example.com')";
        }
        for (final String label : name.split("\\."))
        {
            if (label.length() > 63)
            {
                return "has a label longer than 63 characters";
            }
        }
        return name.contains("..") ? "has an empty label ('..')" : null;
    }

    private static void script(final List<Diagnostic> found, final Location at, final String what,
        final String command)
    {
        if (command == null)
        {
            return;
        }
        final String problem = programProblem(command);
        if (problem != null)
        {
            found.add(new Diagnostic(Diagnostic.Severity.WARNING, at, what + " " + problem));
        }
    }

    /**
     * @param command a command line.
     * @return why its program cannot run, or null.
     */
    static String programProblem(final String command)
    {
        if (command == null || command.isBlank())
        {
            return "is empty (expected the path of a program to run)";
        }
        final String program = command.trim().split("\\s+")[0].replace("\"", "").replace("'", "");
        if (program.contains("/"))
        {
            final Path path = Path.of(program);
            if (!Files.exists(path))
            {
                return "program '" + program + "' does not exist";
            }
            if (!Files.isRegularFile(path) || !Files.isExecutable(path))
            {
                return "program '" + program + "' is not an executable file";
            }
            return null;
        }
        final String pathEnv = System.getenv("PATH");
        if (pathEnv != null)
        {
            for (final String dir : pathEnv.split(":"))
            {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program)))
                {
                    return null;
                }
            }
        }
        return "program '" + program + "' is not found on PATH";
    }
}
