package org.jvs.director.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import jnr.unixsocket.Credentials;
import jnr.unixsocket.UnixServerSocketChannel;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;
import jnr.unixsocket.UnixSocketOptions;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.jvs.director.admin.AdminContext;
import org.jvs.director.admin.AdminExecutor;

/**
 * The daemon's control socket: a UNIX domain socket ({@code /run/jvs/jvs.sock} by default, mode 0660, group
 * configurable) served by one management {@link Agent} with non-blocking accept, read and write. Each
 * connection carries one {@link ControlProtocol} request: a jvsadm command line (and, for {@code -R}, its
 * standard input), run here with the same {@link AdminExecutor} against the daemon's rules; the response carries
 * its output and exit status. The peer's credentials are read with SO_PEERCRED when it connects; a peer that is
 * neither root, nor the daemon's user, nor in the configured group gets a DENIED response, and one log line
 * names it.
 */
public final class ControlServer implements Agent
{
    /** Where the socket is when nothing else is configured. */
    public static final String DEFAULT_SOCKET_PATH = "/run/jvs/jvs.sock";
    /** Exit status a refused peer gets (ipvsadm's when it cannot reach IPVS). */
    public static final int EXIT_DENIED = 2;
    /** Exit status of a malformed request. */
    public static final int EXIT_BAD = 2;

    private static final int ACCEPTS_PER_WORK = 8;
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final long IDLE_SLEEP_MS = 10;

    /** How a control server is set up. */
    public static final class Config
    {
        private Path socketPath = Path.of(DEFAULT_SOCKET_PATH);
        private String group;
        private Set<PosixFilePermission> socketMode = PosixFilePermissions.fromString("rw-rw----");
        private Consumer<String> log = System.err::println;
        private long requestTimeoutMs = 30_000;
        private int maxConnections = 16;

        /**
         * @param socketPath where the socket goes; its directory is made when missing.
         * @return this.
         */
        public Config socketPath(final Path socketPath)
        {
            this.socketPath = socketPath;
            return this;
        }

        /**
         * @param group name of the group whose members may use the socket (and which owns it), or null.
         * @return this.
         */
        public Config group(final String group)
        {
            this.group = group;
            return this;
        }

        /**
         * @param socketMode the socket file's permissions (default rw-rw----).
         * @return this.
         */
        public Config socketMode(final Set<PosixFilePermission> socketMode)
        {
            this.socketMode = socketMode;
            return this;
        }

        /**
         * @param log where the server's log lines go (default standard error).
         * @return this.
         */
        public Config log(final Consumer<String> log)
        {
            this.log = log;
            return this;
        }

        /**
         * @param requestTimeoutMs how long a client may take to send its request before it is dropped.
         * @return this.
         */
        public Config requestTimeoutMs(final long requestTimeoutMs)
        {
            this.requestTimeoutMs = requestTimeoutMs;
            return this;
        }

        /**
         * @param maxConnections connections served at once; more wait in the listen queue.
         * @return this.
         */
        public Config maxConnections(final int maxConnections)
        {
            this.maxConnections = maxConnections;
            return this;
        }
    }

    private final Config config;
    private final AdminExecutor executor;
    private final PeerPolicy policy;
    private final UnixServerSocketChannel serverChannel;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    private final List<Connection> connections = new ArrayList<>();

    /**
     * Bind the socket (removing a stale one left by a daemon that died), set its mode and group.
     *
     * @param config  the setup.
     * @param context what jvsadm commands act on.
     * @throws IOException when the socket cannot be made, or another daemon is listening on it.
     */
    public ControlServer(final Config config, final AdminContext context) throws IOException
    {
        this.config = config;
        this.executor = new AdminExecutor(context);
        final Path path = config.socketPath.toAbsolutePath();
        prepare(path);
        serverChannel = UnixServerSocketChannel.open();
        serverChannel.configureBlocking(false);
        serverChannel.socket().bind(new UnixSocketAddress(path.toFile()));
        try
        {
            Files.setPosixFilePermissions(path, config.socketMode);
            final int ownUid = (Integer)Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            policy = new PeerPolicy(ownUid, config.group == null ? -1 : group(path, config.group), config.group);
        }
        catch (final IOException | RuntimeException ex)
        {
            serverChannel.close();
            Files.deleteIfExists(path);
            throw ex;
        }
    }

    /**
     * Run a server on its own thread with a sleeping idle strategy (a management agent, STYLE.md section 2).
     *
     * @param server the server.
     * @return the running runner; close it to stop the server and remove the socket.
     */
    public static AgentRunner start(final ControlServer server)
    {
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(IDLE_SLEEP_MS),
            ex -> server.config.log.accept("jvs control: " + ex), null, server);
        AgentRunner.startOnThread(runner);
        return runner;
    }

    /**
     * @return the socket's path.
     */
    public Path socketPath()
    {
        return config.socketPath.toAbsolutePath();
    }

    @Override
    public String roleName()
    {
        return "control";
    }

    @Override
    public int doWork()
    {
        int work = accept();
        final long nowNs = System.nanoTime();
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            final Connection connection = connections.get(i);
            work += connection.poll(nowNs);
            if (connection.closed)
            {
                connections.remove(i);
            }
        }
        return work;
    }

    @Override
    public void onClose()
    {
        for (final Connection connection : connections)
        {
            connection.close();
        }
        connections.clear();
        try
        {
            serverChannel.close();
            Files.deleteIfExists(socketPath());
        }
        catch (final IOException ex)
        {
            config.log.accept("jvs control: closing " + socketPath() + ": " + ex.getMessage());
        }
    }

    private static void prepare(final Path path) throws IOException
    {
        final Path dir = path.getParent();
        if (!Files.isDirectory(dir))
        {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        if (Files.exists(path))
        {
            try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX))
            {
                probe.connect(UnixDomainSocketAddress.of(path));
                throw new IOException("control socket " + path + " is in use: another jvs director is running");
            }
            catch (final IOException ex)
            {
                if (ex.getMessage() != null && ex.getMessage().contains("is in use"))
                {
                    throw ex;
                }
            }
            Files.delete(path);
        }
    }

    private static int group(final Path path, final String name) throws IOException
    {
        final GroupPrincipal group;
        try
        {
            group = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(name);
        }
        catch (final UserPrincipalNotFoundException ex)
        {
            throw new IllegalArgumentException("control socket group '" + name + "' does not exist", ex);
        }
        Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(group);
        return (Integer)Files.getAttribute(path, "unix:gid");
    }

    private int accept()
    {
        int accepted = 0;
        while (accepted < ACCEPTS_PER_WORK && connections.size() < config.maxConnections)
        {
            final UnixSocketChannel channel;
            try
            {
                channel = serverChannel.accept();
                if (channel == null)
                {
                    break;
                }
            }
            catch (final IOException ex)
            {
                config.log.accept("jvs control: accept on " + socketPath() + ": " + ex.getMessage());
                break;
            }
            accepted++;
            try
            {
                channel.configureBlocking(false);
                final Credentials peer = channel.getOption(UnixSocketOptions.SO_PEERCRED);
                connections.add(new Connection(channel, peer, System.nanoTime() +
                    config.requestTimeoutMs * 1_000_000L));
            }
            catch (final IOException | RuntimeException ex)
            {
                config.log.accept("jvs control: cannot read peer credentials: " + ex.getMessage());
                closeQuietly(channel);
            }
        }
        return accepted;
    }

    private static void closeQuietly(final UnixSocketChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignored)
        {
            // nothing more to do with a connection we drop
        }
    }

    /** One client connection: read its request, answer it, close. */
    private final class Connection
    {
        private final UnixSocketChannel channel;
        private final Credentials peer;
        private final long deadlineNs;
        private final ByteArrayOutputStream request = new ByteArrayOutputStream();
        private long linesSeen;
        private long linesNeeded = -1;
        private ByteBuffer response;
        private boolean closed;

        Connection(final UnixSocketChannel channel, final Credentials peer, final long deadlineNs)
        {
            this.channel = channel;
            this.peer = peer;
            this.deadlineNs = deadlineNs;
        }

        int poll(final long nowNs)
        {
            try
            {
                if (response == null)
                {
                    if (nowNs - deadlineNs > 0)
                    {
                        close();
                        return 1;
                    }
                    return read();
                }
                final int written = channel.write(response);
                if (!response.hasRemaining())
                {
                    close();
                }
                return written > 0 ? 1 : 0;
            }
            catch (final IOException | RuntimeException ex)
            {
                config.log.accept("jvs control: connection from pid " + peer.getPid() + ": " + ex);
                close();
                return 1;
            }
        }

        private int read() throws IOException
        {
            readBuffer.clear();
            final int n = channel.read(readBuffer);
            if (n < 0)
            {
                close();
                return 1;
            }
            if (n == 0)
            {
                return 0;
            }
            final byte[] bytes = readBuffer.array();
            for (int i = 0; i < n; i++)
            {
                request.write(bytes[i]);
                if (bytes[i] == '\n')
                {
                    linesSeen++;
                    if (linesSeen == 1)
                    {
                        linesNeeded = headerLines();
                    }
                }
            }
            if (response == null && request.size() > ControlProtocol.MAX_REQUEST_BYTES)
            {
                respond(ControlProtocol.BAD, EXIT_BAD, List.of(
                    "E jvsadm: request larger than " + ControlProtocol.MAX_REQUEST_BYTES + " bytes"));
            }
            else if (response == null && linesNeeded >= 0 && linesSeen >= linesNeeded)
            {
                answer();
            }
            return 1;
        }

        private long headerLines()
        {
            final String text = request.toString(StandardCharsets.UTF_8);
            try
            {
                return ControlProtocol.requestLineCount(text.substring(0, text.length() - 1));
            }
            catch (final ControlProtocol.ProtocolException ex)
            {
                respond(ControlProtocol.BAD, EXIT_BAD, List.of("E jvsadm: " + ex.getMessage()));
                return -1;
            }
        }

        private void answer()
        {
            final String refusal = policy.refusal(peer.getUid(), peer.getGid(), peer.getPid());
            if (refusal != null)
            {
                config.log.accept("jvs control: refused uid " + peer.getUid() + " gid " + peer.getGid() +
                    " pid " + peer.getPid() + " on " + socketPath() + ": " + refusal);
                respond(ControlProtocol.DENIED, EXIT_DENIED, List.of(
                    "E Can't talk to the jvs director: Permission denied (you must be root or in the control " +
                    "group): uid " + peer.getUid() + " is " + refusal));
                return;
            }
            final String text = request.toString(StandardCharsets.UTF_8);
            final List<String> lines = Arrays.asList(text.split("\n", -1));
            final ControlProtocol.Request decoded = ControlProtocol.decodeRequest(
                lines.subList(0, (int)linesNeeded));
            final TaggedOutput output = new TaggedOutput();
            int status;
            try
            {
                status = executor.execute(decoded.args().toArray(new String[0]), decoded.input(), output.out(),
                    output.err());
            }
            catch (final RuntimeException ex)
            {
                config.log.accept("jvs control: jvsadm " + String.join(" ", decoded.args()) + ": " + ex);
                output.err().println("jvsadm: internal error: " + ex);
                status = 1;
            }
            respond(ControlProtocol.OK, status, output.lines());
        }

        private void respond(final String status, final int exitStatus, final List<String> lines)
        {
            response = ByteBuffer.wrap(ControlProtocol.encodeResponse(status, exitStatus, lines));
        }

        void close()
        {
            closed = true;
            closeQuietly(channel);
        }
    }
}
