package org.jvs.director.admin;

import java.io.PrintStream;

/**
 * jvsadm's {@code -h} and {@code -v} text.
 */
final class Usage
{
    /** {@code jvsadm -v}. */
    static final String VERSION =
        "jvsadm (jvs 0.1.0): ipvsadm v1.31 command lines and output, IPVS v" + ListFormatter.IPVS_VERSION;

    private static final String TEXT = String.join("\n",
        VERSION,
        "Usage:",
        "  jvsadm -A|E virtual-service [-s scheduler] [-p [timeout]] [-M netmask] [-b sched-flags]",
        "  jvsadm -D virtual-service",
        "  jvsadm -C",
        "  jvsadm -R",
        "  jvsadm -S [-n]",
        "  jvsadm -a|e virtual-service -r server-address [options]",
        "  jvsadm -d virtual-service -r server-address",
        "  jvsadm -L|l [virtual-service] [options]",
        "  jvsadm -Z [virtual-service]",
        "  jvsadm --set tcp tcpfin udp",
        "  jvsadm --reload",
        "  jvsadm --vrrp",
        "  jvsadm --start-daemon {master|backup} --mcast-interface IF [daemon options]",
        "  jvsadm --stop-daemon {master|backup}",
        "  jvsadm -h",
        "",
        "Commands (long or short):",
        "  --add-service     -A        add a virtual service",
        "  --edit-service    -E        change a virtual service",
        "  --delete-service  -D        delete a virtual service",
        "  --clear           -C        delete every virtual service",
        "  --restore         -R        read commands from standard input, one per line",
        "  --save            -S        print the table as commands for -R",
        "  --add-server      -a        add a real server",
        "  --edit-server     -e        change a real server",
        "  --delete-server   -d        delete a real server",
        "  --list            -L|-l     list the table",
        "  --zero            -Z        zero the counters of one or all services",
        "  --set tcp tcpfin udp        set connection timeouts (0 keeps a value)",
        "  --reload                    make the director read its configuration again (jvs)",
        "  --vrrp                      VRRP instances: state, priority, master, advert counters (jvs)",
        "  --help            -h        print this text",
        "",
        "virtual-service:",
        "  --tcp-service|-t  host[:port]   numeric address; IPv6 as [addr]:port",
        "  --udp-service|-u  host[:port]",
        "  --sctp-service    host[:port]",
        "  --fwmark-service|-f fwmark      an integer above zero",
        "",
        "Options:",
        "  --ipv6         -6               the fwmark service is IPv6",
        "  --scheduler    -s scheduler     rr|wrr|lc|wlc|lblc|lblcr|dh|sh|sed|nq|fo|ovf|mh|twos (default wlc)",
        "  --persistent   -p [timeout]     persistent service (default 360 s)",
        "  --netmask      -M netmask       persistence granularity",
        "  --real-server  -r server        real server address[:port]",
        "  --gatewaying   -g               direct routing (default)",
        "  --ipip         -i               IP-in-IP tunnelling",
        "  --masquerading -m               NAT",
        "  --weight       -w weight        0..65535, 0 = quiesced",
        "  --u-threshold  -x uthreshold    upper connection threshold",
        "  --l-threshold  -y lthreshold    lower connection threshold",
        "  --sched-flags  -b flags         sh-fallback,sh-port,mh-fallback,mh-port,flag-1..3",
        "  --ops          -o               one-packet scheduling (UDP)",
        "  --connection   -c               list connections",
        "  --timeout                       list timeouts",
        "  --daemon                        list the connection-sync daemons (with --stats: their counters)",
        "  --mcast-interface interface     sync daemon's multicast interface",
        "  --syncid sid                    sync id, 0..255 (a backup with 0 takes any)",
        "  --mcast-group address           sync multicast group, IPv4 (default 224.0.0.81)",
        "  --mcast-port port               sync UDP port (default 8848)",
        "  --mcast-ttl ttl                 sync multicast TTL, 1..255 (default 1)",
        "  --sync-maxlen length            largest sync message (default: the interface's MTU less 28)",
        "  --stats | --rate | --thresholds | --persistent-conn    list columns",
        "  --exact        -X               exact numbers",
        "  --nosort                        list in table order",
        "  --numeric      -n               numeric output (jvs always prints numbers)",
        "  --socket PATH                   the director's control socket (default $JVS_SOCKET or "
            + "/run/jvs/jvs.sock)",
        "");

    private Usage()
    {
    }

    /**
     * @param out where to print.
     */
    static void print(final PrintStream out)
    {
        out.print(TEXT);
    }
}
