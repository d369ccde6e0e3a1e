package org.jvs.director.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceTableRef;
import org.jvs.director.Main;
import org.jvs.director.admin.AdminContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * SO_PEERCRED for real: jvsadm run as another user ({@code setpriv}, uid/gid 65534) against a server that
 * lets anyone connect to the socket file (mode 0666) but only root and group {@code daemon} (gid 1) use it.
 * Needs root, so it runs with {@code -Djvs.systemTests=true} (scripts/test sets it for root).
 */
@EnabledIfSystemProperty(named = "jvs.systemTests", matches = "true")
@Timeout(180)
class ControlPermissionSystemTest
{
    private static final String NOBODY = "65534";
    private static final String DAEMON_GID = "1";

    private final List<String> log = new CopyOnWriteArrayList<>();
    private Path dir;
    private Path socket;
    private String classPath;
    private AgentRunner runner;
    private String stdout;
    private String stderr;

    @BeforeEach
    void start() throws IOException, URISyntaxException
    {
        assertEquals(0, (Integer)Files.getAttribute(Path.of("/proc/self"), "unix:uid"),
            "jvs.systemTests=true needs root (setpriv to another uid)");
        dir = Files.createTempDirectory("jvs-control-perm");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        classPath = copyClassPath();
        socket = dir.resolve("jvs.sock");
        final RuleSet rules = new RuleSet(new ServiceTableRef(), Set.of("rr")::contains);
        runner = ControlServer.start(new ControlServer(new ControlServer.Config().socketPath(socket)
            .group("daemon").socketMode(PosixFilePermissions.fromString("rw-rw-rw-")).log(log::add),
            AdminContext.of(rules)));
    }

    @AfterEach
    void stop() throws IOException
    {
        if (runner != null)
        {
            runner.close();
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * The test's class path is under /root (unreadable to uid 65534): copy what the jvsadm client needs.
     */
    private String copyClassPath() throws IOException, URISyntaxException
    {
        final List<String> entries = new ArrayList<>();
        int i = 0;
        for (final Class<?> type : List.of(InetAddr.class, Main.class, Agent.class))
        {
            final Path source = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            final Path target = dir.resolve("cp" + i++ + (Files.isDirectory(source) ? "" : ".jar"));
            try (Stream<Path> paths = Files.walk(source))
            {
                for (final Path path : paths.toList())
                {
                    final Path copy = target.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path))
                    {
                        Files.createDirectories(copy);
                        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                    else
                    {
                        final Path file = Files.isDirectory(source) ? copy : target;
                        Files.copy(path, file, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            }
            entries.add(target.toString());
        }
        return String.join(":", entries);
    }

    private int jvsadmAs(final List<String> setpriv, final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of("setpriv"));
        command.addAll(setpriv);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:-UsePerfData", "-cp", classPath, Main.class.getName(), "jvsadm", "--socket", socket.toString()));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError("jvsadm as another user did not finish in 60 s: " + command);
        }
        stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return process.exitValue();
    }

    @Test
    void aPeerNeitherRootNorInTheGroupIsRefusedAndLoggedOnce() throws Exception
    {
        final int status = jvsadmAs(
            List.of("--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"), "-A", "-t", "198.18.0.1:80");
        assertEquals(2, status, stderr);
        assertEquals("", stdout);
        assertEquals("Can't talk to the jvs director: Permission denied (you must be root or in the control group)" +
            ": uid 65534 is neither root nor in group daemon (gid 1)\n", stderr);
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("jvs control: refused uid 65534 gid 65534 pid "), log.get(0));
        assertTrue(log.get(0).endsWith(": neither root nor in group daemon (gid 1)"), log.get(0));
    }

    @Test
    void groupMembersArePermittedByPrimaryOrSupplementaryGroup() throws Exception
    {
        assertEquals(0, jvsadmAs(List.of("--reuid=" + NOBODY, "--regid=" + NOBODY, "--groups=" + DAEMON_GID),
            "-A", "-t", "198.18.0.1:80", "-s", "rr"), stderr);
        assertEquals(0, jvsadmAs(List.of("--reuid=" + NOBODY, "--regid=" + DAEMON_GID, "--clear-groups"),
            "-L", "-n"), stderr);
        assertEquals("IP Virtual Server version 1.2.1 (size=4096)\n" +
            "Prot LocalAddress:Port Scheduler Flags\n" +
            "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n" +
            "TCP  198.18.0.1:80 rr\n", stdout);
        assertEquals(List.of(), log);
    }
}
