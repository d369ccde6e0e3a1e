package org.jvs.forwarders.port;


/**
 * A veth pair for the port system tests: one end in this host's namespace for the port under test, the other
 * (eth0) in a namespace of its own with an address and a permanent neighbour entry for the port's end. IPv6 and
 * offloads are off on both ends (the director turns offloads off too), so only the test's frames pass.
 */
public final class VethPair
{
    private VethPair()
    {
    }

    /**
     * Removes what an earlier run may have left, then builds the pair.
     *
     * @param namespace the peer's namespace (not "jvs-*": the lab sweeps those).
     * @param portIf    the port's end, in this namespace.
     * @param peerIp    the peer's address (/24).
     * @param portIp    the address the peer's neighbour entry gives the port's end.
     * @param peerMac   the peer's MAC.
     */
    public static void build(
        final String namespace, final String portIf, final String peerIp, final String portIp, final long peerMac)
    {
        remove(namespace, portIf);
        sh("ip netns add " + namespace);
        sh("ip link add " + portIf + " type veth peer name eth0 netns " + namespace);
        sh("sysctl -q -w net.ipv6.conf." + portIf + ".disable_ipv6=1 net.ipv4.conf." + portIf + ".forwarding=0");
        sh("ethtool -K " + portIf + " tx off tso off gso off gro off >/dev/null");
        sh("ip link set " + portIf + " up");
        inNs(namespace, "sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1");
        inNs(namespace, "ip link set lo up");
        inNs(namespace, "ip link set eth0 address " + NetInterfaces.formatMac(peerMac));
        inNs(namespace, "ip addr add " + peerIp + "/24 dev eth0");
        inNs(namespace, "ethtool -K eth0 tx off tso off gso off gro off >/dev/null");
        inNs(namespace, "ip link set eth0 up");
        inNs(namespace, "ip neigh replace " + portIp + " lladdr " +
            NetInterfaces.formatMac(NetInterfaces.macAddress(portIf)) + " dev eth0 nud permanent");
    }

    /**
     * @param namespace the peer's namespace.
     * @param portIf    the port's end.
     */
    public static void remove(final String namespace, final String portIf)
    {
        Processes.run("sh", "-c", "ip netns delete " + namespace + " 2>/dev/null; ip link delete " + portIf +
            " 2>/dev/null; true");
    }

    /**
     * @param command a shell command run in this namespace; fails with its output unless it exits 0.
     */
    public static void sh(final String command)
    {
        Processes.runOk("sh", "-c", command);
    }

    /**
     * @param namespace where.
     * @param command   a shell command run there; fails with its output unless it exits 0.
     */
    public static void inNs(final String namespace, final String command)
    {
        Processes.runOk("ip", "netns", "exec", namespace, "sh", "-c", command);
    }
}
