package org.jvs.director.lab;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A network-namespace lab built by {@code scripts/lab}, for system tests: {@link #up} builds it (removing any
 * lab an interrupted run left), {@link #close} always takes it down. Every command runs with a bounded time
 * and its output captured; {@link #await} is the bounded poll tests wait with.
 * <p>
 * The lab's names are fixed (jvs-client, ...), so one lab exists per machine at a time: a handle takes a
 * file lock on {@code /run/jvs-lab.session.lock} before it changes anything and holds it until
 * {@link #close}, so system tests of several builds on one machine wait for each other (up to ten
 * minutes) instead of tearing down each other's lab.
 * <pre>
 * try (Lab lab = Lab.up("dr", "--no-director"))
 * {
 *     assertEquals("rs1\n", lab.httpGet(Lab.CLIENT, "http://198.18.0.11/"));
 * }
 * </pre>
 */
public final class Lab implements AutoCloseable
{
    /** The VIP of every lab mode. */
    public static final String VIP = "198.18.0.100";
    /** The HTTP virtual service's port (nginx on every real server). */
    public static final int HTTP_PORT = 80;
    /** The UDP echo port on every real server; answers {@code <node>:<payload>}. */
    public static final int UDP_PORT = 5353;
    /** The client node. */
    public static final String CLIENT = "client";
    /** The director node. */
    public static final String DIRECTOR = "director";
    /** The MASTER (priority 200) of a two-director lab ({@code --directors 2}), 198.18.0.10. */
    public static final String DIRECTOR1 = "director1";
    /** The BACKUP (priority 100) of a two-director lab, 198.18.0.9. */
    public static final String DIRECTOR2 = "director2";
    /** Size of {@code /big} on every real server. */
    public static final int BIG_SIZE_BYTES = 1 << 20;

    private static final long COMMAND_TIMEOUT_MS = 120_000;
    private static final long POLL_INTERVAL_MS = 100;
    private static final Path SESSION_LOCK_FILE = Paths.get("/run/jvs-lab.session.lock");
    private static final long SESSION_WAIT_MS = 600_000;
    private static FileChannel sessionChannel;
    private static FileLock sessionLock;
    private static int sessionHolders;

    private final Path root;
    private final Map<String, String> environment;
    private String vipLine = "";
    private boolean holdsSession;

    private Lab(final Path root, final Map<String, String> environment)
    {
        this.root = root;
        this.environment = environment;
    }

    /**
     * Skips the calling test unless system tests were asked for ({@code -Djvs.systemTests=true}, as
     * {@code scripts/test} does as root): they need root and network namespaces.
     */
    public static void assumeSystemTests()
    {
        Assumptions.assumeTrue("true".equals(System.getProperty("jvs.systemTests")),
            "system test: needs root and network namespaces; run with -Djvs.systemTests=true (scripts/test)");
    }

    /**
     * @return a lab handle for running {@code scripts/lab} without building anything yet.
     */
    public static Lab handle()
    {
        return handle(Map.of());
    }

    /**
     * @param environment extra environment for scripts/lab, e.g. {@code JVS_LAB_JVS} (the jvs launcher).
     * @return a lab handle for running {@code scripts/lab} without building anything yet.
     */
    public static Lab handle(final Map<String, String> environment)
    {
        final Map<String, String> labEnvironment = new HashMap<>(environment);
        labEnvironment.putIfAbsent("JVS_LAB_OWNER", Long.toString(ProcessHandle.current().pid()));
        return new Lab(projectRoot(), labEnvironment);
    }

    /**
     * {@code scripts/lab down} then {@code scripts/lab up MODE OPTIONS...}; fails with the script's output.
     *
     * @param mode    dr, nat or tun.
     * @param options e.g. {@code --no-director}, {@code --servers 3}.
     * @return the lab, up.
     */
    public static Lab up(final String mode, final String... options)
    {
        return handle().upWith(mode, options);
    }

    /**
     * Builds a lab with this handle's environment.
     *
     * @param mode    dr, nat or tun.
     * @param options scripts/lab up options.
     * @return this.
     */
    public Lab upWith(final String mode, final String... options)
    {
        holdSession();
        awaitNoLiveForeignLab();
        down();
        final List<String> args = new ArrayList<>(List.of("up", mode));
        args.addAll(Arrays.asList(options));
        final Result result = lab(args.toArray(new String[0]));
        if (result.exitCode() != 0)
        {
            down();
            throw new IllegalStateException("scripts/lab " + String.join(" ", args) + " failed: " + result);
        }
        vipLine = result.stdout().strip();
        return this;
    }

    /**
     * @return the scripts/lab this handle runs.
     */
    public Path script()
    {
        return root.resolve("scripts/lab");
    }

    /**
     * @return what {@code up} printed on stdout: {@code VIP <address> <port>}.
     */
    public String vipLine()
    {
        return vipLine;
    }

    /**
     * Runs {@code scripts/lab ARGS...}.
     *
     * @param args subcommand and its arguments.
     * @return exit code and output.
     */
    public Result lab(final String... args)
    {
        if (args.length > 0 && !"status".equals(args[0]) && !"exec".equals(args[0]))
        {
            holdSession();
        }
        final List<String> command = new ArrayList<>();
        command.add(script().toString());
        command.addAll(Arrays.asList(args));
        return run(command);
    }

    /**
     * Runs a command in a node: {@code scripts/lab exec NODE -- COMMAND...}.
     *
     * @param node    client, director, router, rs1...
     * @param command the command and its arguments.
     * @return exit code and output.
     */
    public Result exec(final String node, final String... command)
    {
        final List<String> args = new ArrayList<>(List.of("exec", node, "--"));
        args.addAll(Arrays.asList(command));
        return lab(args.toArray(new String[0]));
    }

    /**
     * @param node a real server or director.
     */
    public void stop(final String node)
    {
        requireSuccess(lab("stop", node), "stop " + node);
    }

    /**
     * @param node a real server or director.
     */
    public void start(final String node)
    {
        requireSuccess(lab("start", node), "start " + node);
    }

    /**
     * {@code scripts/lab kill DIRECTOR}: SIGKILL its jvs (or keepalived), a crash without goodbye.
     *
     * @param node director1 or director2 (two-director lab).
     */
    public void kill(final String node)
    {
        requireSuccess(lab("kill", node), "kill " + node);
    }

    /**
     * {@code scripts/lab jvsadm DIRECTOR ARGS...}: jvsadm against that director's control socket.
     *
     * @param node director, director1 or director2.
     * @param args jvsadm's arguments.
     * @return exit code and output.
     */
    public Result jvsadm(final String node, final String... args)
    {
        final List<String> command = new ArrayList<>(List.of("jvsadm", node, "--"));
        command.addAll(Arrays.asList(args));
        return lab(command.toArray(new String[0]));
    }

    /**
     * {@code scripts/lab down}; safe to call when nothing is up.
     */
    public void down()
    {
        requireSuccess(lab("down"), "down");
    }

    @Override
    public void close()
    {
        try
        {
            down();
        }
        finally
        {
            releaseSession();
        }
    }

    /**
     * A lab brought up by another live process (a person's shell, another build) is waited for, bounded,
     * rather than torn down; one whose owner has gone is a leftover and {@link #down} removes it.
     */
    private static void awaitNoLiveForeignLab()
    {
        final Path ownerFile = Paths.get("/run/jvs-lab/owner");
        final long self = ProcessHandle.current().pid();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SESSION_WAIT_MS);
        long owner;
        while ((owner = labOwner(ownerFile)) > 0 && owner != self && ProcessHandle.of(owner).isPresent())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("a lab owned by live pid " + owner + " has been up for " +
                    SESSION_WAIT_MS + " ms; scripts/lab down removes it");
            }
            try
            {
                Thread.sleep(POLL_INTERVAL_MS * 10);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the lab of pid " + owner, ex);
            }
        }
    }

    private static long labOwner(final Path ownerFile)
    {
        try
        {
            return Long.parseLong(Files.readString(ownerFile, StandardCharsets.US_ASCII).strip());
        }
        catch (final IOException | NumberFormatException ex)
        {
            return 0;
        }
    }

    /**
     * Holds the machine-wide lab session (as {@link #upWith} does) until {@link #releaseSession()} or
     * {@link #close()}; for tests that build namespaces of their own. Counted per JVM, so nested holders never
     * wait for each other.
     */
    public void holdSession()
    {
        if (!holdsSession)
        {
            acquireSessionLock();
            holdsSession = true;
        }
    }

    /**
     * Lets go of what {@link #holdSession()} took; does nothing when this handle holds nothing.
     */
    public void releaseSession()
    {
        if (holdsSession)
        {
            holdsSession = false;
            releaseSessionLock();
        }
    }

    private static synchronized void acquireSessionLock()
    {
        if (sessionHolders++ > 0)
        {
            return;
        }
        try
        {
            sessionChannel = FileChannel.open(SESSION_LOCK_FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SESSION_WAIT_MS);
            while ((sessionLock = sessionChannel.tryLock()) == null)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new IllegalStateException("another lab session held " + SESSION_LOCK_FILE + " for " +
                        SESSION_WAIT_MS + " ms");
                }
                Thread.sleep(POLL_INTERVAL_MS);
            }
        }
        catch (final IOException | InterruptedException | RuntimeException ex)
        {
            sessionHolders--;
            closeSessionChannel();
            if (ex instanceof InterruptedException)
            {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot lock " + SESSION_LOCK_FILE + ": " + ex, ex);
        }
    }

    private static synchronized void releaseSessionLock()
    {
        if (--sessionHolders == 0)
        {
            closeSessionChannel();
        }
    }

    private static void closeSessionChannel()
    {
        try
        {
            if (sessionChannel != null)
            {
                sessionChannel.close();
            }
        }
        catch (final IOException ignored)
        {
        }
        sessionChannel = null;
        sessionLock = null;
    }

    /**
     * @param node where curl runs.
     * @param url  what to get.
     * @return the body, or null when curl failed (refused, timed out, no route).
     */
    public String httpGet(final String node, final String url)
    {
        final Result result = exec(node, "curl", "-s", "--noproxy", "*", "-m", "2", url);
        return result.exitCode() == 0 ? result.stdout() : null;
    }

    /**
     * Sends one UDP datagram from a node and returns the first answer.
     *
     * @param node    where the sender runs.
     * @param address destination address.
     * @param port    destination port.
     * @param payload datagram text.
     * @return the answer's text, or null when none came within a second.
     */
    public String udpAsk(final String node, final String address, final int port, final String payload)
    {
        final String program = "import socket, sys\n" +
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n" +
            "s.settimeout(1.0)\n" +
            "s.sendto(sys.argv[3].encode(), (sys.argv[1], int(sys.argv[2])))\n" +
            "sys.stdout.write(s.recv(65535).decode())\n";
        final Result result = exec(node, "python3", "-c", program, address, Integer.toString(port), payload);
        return result.exitCode() == 0 ? result.stdout() : null;
    }

    /**
     * @return names of the network namespaces that start with {@code jvs-} (the lab's).
     */
    public List<String> labNamespaces()
    {
        final Result result = run(List.of("ip", "netns", "list"));
        final List<String> names = new ArrayList<>();
        for (final String line : result.stdout().split("\n"))
        {
            final String name = line.strip().split(" ")[0];
            if (name.startsWith("jvs-"))
            {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * A condition to wait for; it may throw (reading a file, running a command), which fails the wait.
     */
    @FunctionalInterface
    public interface Condition
    {
        /**
         * @return true when it holds.
         * @throws Exception when it cannot be evaluated.
         */
        boolean holds() throws Exception;
    }

    private static boolean holds(final Condition condition, final String what)
    {
        try
        {
            return condition.holds();
        }
        catch (final Exception ex)
        {
            throw new AssertionError("could not evaluate the condition of: " + what, ex);
        }
    }

    /**
     * Polls a condition every 100 ms until it holds or the time is up.
     *
     * @param what      the condition, for the failure message.
     * @param timeoutMs how long to wait.
     * @param condition what to wait for.
     * @throws AssertionError when the condition did not hold in time.
     */
    public static void await(final String what, final long timeoutMs, final Condition condition)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!holds(condition, what))
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("not true within " + timeoutMs + " ms: " + what);
            }
            try
            {
                Thread.sleep(POLL_INTERVAL_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, ex);
            }
        }
    }

    /**
     * Runs a command to completion within two minutes, output captured through files (no pipe can fill up).
     *
     * @param command the command.
     * @return exit code and output.
     */
    public Result run(final List<String> command)
    {
        File out = null;
        File err = null;
        try
        {
            out = File.createTempFile("jvs-lab-out", ".txt");
            err = File.createTempFile("jvs-lab-err", ".txt");
            final ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out)
                .redirectError(err);
            builder.environment().putAll(environment);
            final Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not end within " + COMMAND_TIMEOUT_MS + " ms");
            }
            return new Result(process.exitValue(), read(out), read(err));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("could not run " + command + ": " + ex, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, ex);
        }
        finally
        {
            delete(out);
            delete(err);
        }
    }

    private static String read(final File file) throws IOException
    {
        return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    }

    private static void delete(final File file)
    {
        if (file != null && !file.delete())
        {
            file.deleteOnExit();
        }
    }

    private static void requireSuccess(final Result result, final String what)
    {
        if (result.exitCode() != 0)
        {
            throw new IllegalStateException("scripts/lab " + what + " failed: " + result);
        }
    }

    private static Path projectRoot()
    {
        final String configured = System.getProperty("jvs.root");
        Path dir = Paths.get(configured != null && !configured.isEmpty() ? configured : "").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++)
        {
            if (Files.isExecutable(dir.resolve("scripts/lab")))
            {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("scripts/lab not found from jvs.root=" + configured + " or its parents");
    }

    /**
     * Exit code and output of one command.
     *
     * @param exitCode the command's exit status.
     * @param stdout   what it wrote on standard output.
     * @param stderr   what it wrote on standard error.
     */
    public record Result(int exitCode, String stdout, String stderr)
    {
        @Override
        public String toString()
        {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
