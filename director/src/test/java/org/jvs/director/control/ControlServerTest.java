package org.jvs.director.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.agrona.concurrent.AgentRunner;
import org.jvs.core.service.ServiceTableRef;
import org.jvs.director.admin.AdminContext;
import org.jvs.director.admin.JvsAdm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real control server on a temporary socket, driven by the real jvsadm client.
 */
@Timeout(120)
class ControlServerTest
{
    private static final String LISTED =
        "IP Virtual Server version 1.2.1 (size=4096)\n" +
        "Prot LocalAddress:Port Scheduler Flags\n" +
        "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n" +
        "TCP  198.18.0.100:80 rr\n" +
        "  -> 198.18.1.1:80                Masq    3      0          0         \n" +
        "  -> 198.18.1.2:80                Masq    1      0          0         \n";

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final ServiceTableRef tableRef = new ServiceTableRef();
    private Path dir;
    private Path socket;
    private AgentRunner runner;
    private String stdout;
    private String stderr;

    @BeforeEach
    void start() throws IOException
    {
        dir = Files.createTempDirectory("jvs-control");
        socket = dir.resolve("run/jvs.sock");
        final RuleSet rules = new RuleSet(tableRef, Set.of("rr", "wlc")::contains);
        final AdminContext context = new AdminContext(rules, StatsSource.NONE, ConnectionSource.NONE,
            () -> "reloaded test.conf", 4096);
        runner = ControlServer.start(new ControlServer(new ControlServer.Config().socketPath(socket).log(log::add),
            context));
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

    private int jvsadm(final String input, final String... args) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final JvsAdm command = new JvsAdm(Map.of(JvsAdm.SOCKET_ENV, socket.toString()),
            new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        final int status = command.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return status;
    }

    @Test
    void socketIsMadeWithMode0660()
    {
        assertTrue(Files.exists(socket));
        assertEquals("rw-rw----", PosixFilePermissions.toString(permissions(socket)));
    }

    private static Set<PosixFilePermission> permissions(final Path path)
    {
        try
        {
            return Files.getPosixFilePermissions(path);
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    void commandsRunInTheDaemonAndPrintThroughTheClient() throws IOException
    {
        assertEquals(0, jvsadm("", "-A", "-t", "198.18.0.100:80", "-s", "rr"), stderr);
        assertEquals(0, jvsadm("", "-a", "-t", "198.18.0.100:80", "-r", "198.18.1.2", "-m"));
        assertEquals(0, jvsadm("", "-a", "-t", "198.18.0.100:80", "-r", "198.18.1.1", "-m", "-w", "3"));
        assertEquals(3, tableRef.current().version());
        assertEquals(0, jvsadm("", "-L", "-n"));
        assertEquals(LISTED, stdout);
        assertEquals("", stderr);

        assertEquals(255, jvsadm("", "-D", "-t", "198.18.0.9:80"));
        assertEquals("No such service\n", stderr);
        assertEquals("", stdout);
        assertEquals(1, jvsadm("", "-L", "-t", "198.18.0.9:80"));
        assertEquals("No such service\n", stderr);

        assertEquals(0, jvsadm("", "--socket", socket.toString(), "--reload"));
        assertEquals("reloaded test.conf\n", stdout);
    }

    @Test
    void saveThenRestoreThroughTheSocket() throws IOException
    {
        assertEquals(0, jvsadm("-A -t 198.18.0.100:80 -s rr\n-a -t 198.18.0.100:80 -r 198.18.1.2 -m\n" +
            "-a -t 198.18.0.100:80 -r 198.18.1.1 -m -w 3\n", "-R"), stderr);
        assertEquals(1, tableRef.current().version(), "-R publishes one table");
        assertEquals(0, jvsadm("", "-S", "-n"));
        final String saved = stdout;
        assertEquals(0, jvsadm("", "-C"));
        assertEquals(0, jvsadm(saved, "--restore"));
        assertEquals(0, jvsadm("", "-S", "-n"));
        assertEquals(saved, stdout);
        assertEquals(0, jvsadm("", "-l", "-n"));
        assertEquals(LISTED, stdout);
    }

    @Test
    void usageErrorsNeedNoDaemonAndAnAbsentDaemonIsNamed() throws IOException
    {
        runner.close();
        runner = null;
        assertFalse(Files.exists(socket), "closing the server removes its socket");
        assertEquals(2, jvsadm("", "-A", "-t", "198.18.0.100:80", "-w", "1"));
        assertEquals("Illegal 'weight' option with the 'add-service' command\n", stderr);
        assertEquals(0, jvsadm("", "-h"));
        assertTrue(stdout.contains("--add-service"));
        assertEquals(2, jvsadm("", "-L", "-n"));
        assertTrue(stderr.startsWith("Can't talk to the jvs director on " + socket), stderr);
    }

    @Test
    void malformedRequestsGetBadAndTheServerCarriesOn() throws IOException
    {
        assertEquals("JVS/1 BAD 2 1\nE jvsadm: unsupported protocol 'JVS/9', this director speaks JVS/1\n",
            raw("JVS/9 jvsadm 0 0\n"));
        assertEquals("JVS/1 BAD 2 1\nE jvsadm: malformed request header 'JVS/1 list', expected " +
            "'JVS/1 jvsadm ARGC LINES'\n", raw("JVS/1 list\n"));
        assertEquals("JVS/1 OK 0 1\nO Timeout (tcp tcpfin udp): 900 120 300\n",
            raw("JVS/1 jvsadm 2 0\n-L\n--timeout\n"));
    }

    @Test
    void aSecondServerOnALiveSocketIsRefusedAndAStaleOneIsReplaced() throws IOException
    {
        final AdminContext context = AdminContext.of(new RuleSet(new ServiceTableRef(), name -> true));
        final IOException inUse = assertThrows(IOException.class,
            () -> new ControlServer(new ControlServer.Config().socketPath(socket), context));
        assertTrue(inUse.getMessage().contains("is in use"), inUse.getMessage());

        final Path stale = dir.resolve("stale.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX))
        {
            dead.bind(UnixDomainSocketAddress.of(stale));
        }
        assertTrue(Files.exists(stale), "a socket file left behind by a process that died");
        final ControlServer replacement = new ControlServer(new ControlServer.Config().socketPath(stale), context);
        assertTrue(Files.exists(stale));
        replacement.onClose();
        assertFalse(Files.exists(stale));
    }

    private String raw(final String request) throws IOException
    {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX))
        {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            final ByteArrayOutputStream response = new ByteArrayOutputStream();
            final ByteBuffer buffer = ByteBuffer.allocate(4096);
            for (int n = channel.read(buffer); n >= 0; n = channel.read(buffer))
            {
                response.write(buffer.array(), 0, n);
                buffer.clear();
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
