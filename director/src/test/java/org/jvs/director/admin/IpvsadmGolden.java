package org.jvs.director.admin;

/**
 * ipvsadm 1.31's output for {@link AdminExecutorTest}'s table, worked out from ipvsadm.c's format strings
 * ({@code print_title}, {@code print_service_entry}, {@code print_largenum}, {@code list_conn}) with C printf
 * semantics, independently of jvs's formatter. Trailing spaces are part of the format.
 */
final class IpvsadmGolden
{
    static final String LIST =
        "IP Virtual Server version 1.2.1 (size=4096)\n" +
        "Prot LocalAddress:Port Scheduler Flags\n" +
        "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n" +
        "TCP  198.18.0.100:80 wlc persistent 600 mask 255.255.255.0\n" +
        "  -> 198.18.1.1:80                Route   1      12         34        \n" +
        "  -> 198.18.1.2:80                Tunnel  2      0          0         \n" +
        "UDP  198.18.0.100:53 sh (sh-fallback,sh-port)\n" +
        "  -> 198.18.1.3:5353              Masq    3      0          7         \n" +
        "TCP  [2001:db8::100]:443 mh (mh-port) persistent 360\n" +
        "  -> [2001:db8::1]:443            Masq    5      0          0         \n" +
        "FWM  7 rr\n" +
        "  -> 198.18.1.4:0                 Route   0      0          0         \n" +
        "FWM  9 IPv6 lc persistent 30 mask 64\n";

    static final String SAVE =
        "-A -t 198.18.0.100:80 -s wlc -p 600 -M 255.255.255.0\n" +
        "-a -t 198.18.0.100:80 -r 198.18.1.1:80 -g -w 1\n" +
        "-a -t 198.18.0.100:80 -r 198.18.1.2:80 -i -w 2 --tun-type ipip\n" +
        "-A -u 198.18.0.100:53 -s sh -b sh-fallback,sh-port\n" +
        "-a -u 198.18.0.100:53 -r 198.18.1.3:5353 -m -w 3\n" +
        "-A -t [2001:db8::100]:443 -s mh -p 360 -b mh-port\n" +
        "-a -t [2001:db8::100]:443 -r [2001:db8::1]:443 -m -w 5\n" +
        "-A -f 7 -s rr\n" +
        "-a -f 7 -r 198.18.1.4:0 -g -w 0\n" +
        "-A -f 9 -6 -s lc -p 30 -M 64\n";

    static final String STATS =
        "IP Virtual Server version 1.2.1 (size=4096)\n" +
        "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n" +
        "  -> RemoteAddress:Port\n" +
        "TCP  198.18.0.100:80               123456K 99999999        0    5000M     200T\n" +
        "  -> 198.18.1.1:80                 100000K    1000M   99999M     100G   99999G\n" +
        "  -> 198.18.1.2:80                       0        0        0        0        0\n" +
        "UDP  198.18.0.100:53                     0        0        0        0        0\n" +
        "  -> 198.18.1.3:5353                     0        0        0        0        0\n" +
        "TCP  [2001:db8::100]:443                 0        0        0        0        0\n" +
        "  -> [2001:db8::1]:443                   0        0        0        0        0\n" +
        "FWM  7                                   0        0        0        0        0\n" +
        "  -> 198.18.1.4:0                        0        0        0        0        0\n" +
        "FWM  9 IPv6                              0        0        0        0        0\n";

    static final String STATS_EXACT =
        "IP Virtual Server version 1.2.1 (size=4096)\n" +
        "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n" +
        "  -> RemoteAddress:Port\n" +
        "TCP  198.18.0.100:80              123456789 99999999        0 5000000000 200000000000000\n" +
        "  -> 198.18.1.1:80                100000000 1000000000 99999999999 100000000000 99999999999999\n" +
        "  -> 198.18.1.2:80                       0        0        0        0        0\n" +
        "UDP  198.18.0.100:53                     0        0        0        0        0\n" +
        "  -> 198.18.1.3:5353                     0        0        0        0        0\n" +
        "TCP  [2001:db8::100]:443                 0        0        0        0        0\n" +
        "  -> [2001:db8::1]:443                   0        0        0        0        0\n" +
        "FWM  7                                   0        0        0        0        0\n" +
        "  -> 198.18.1.4:0                        0        0        0        0        0\n" +
        "FWM  9 IPv6                              0        0        0        0        0\n";

    static final String RATE =
        "IP Virtual Server version 1.2.1 (size=4096)\n" +
        "Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS\n" +
        "  -> RemoteAddress:Port\n" +
        "TCP  198.18.0.100:80                  1234  100000K        5  250000K        7\n" +
        "  -> 198.18.1.1:80                123456789        2        3    1000M        4\n" +
        "  -> 198.18.1.2:80                       0        0        0        0        0\n" +
        "UDP  198.18.0.100:53                     0        0        0        0        0\n" +
        "  -> 198.18.1.3:5353                     0        0        0        0        0\n" +
        "TCP  [2001:db8::100]:443                 0        0        0        0        0\n" +
        "  -> [2001:db8::1]:443                   0        0        0        0        0\n" +
        "FWM  7                                   0        0        0        0        0\n" +
        "  -> 198.18.1.4:0                        0        0        0        0        0\n" +
        "FWM  9 IPv6                              0        0        0        0        0\n";

    static final String THRESHOLDS_V6 =
        "Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn \n" +
        "  -> RemoteAddress:Port\n" +
        "TCP  [2001:db8::100]:443 mh (mh-port) persistent 360\n" +
        "  -> [2001:db8::1]:443            100        50         0          0         \n";

    static final String PERSISTENT_CONN_TCP80 =
        "Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn \n" +
        "  -> RemoteAddress:Port\n" +
        "TCP  198.18.0.100:80 wlc persistent 600 mask 255.255.255.0\n" +
        "  -> 198.18.1.1:80                1         9           12         34        \n" +
        "  -> 198.18.1.2:80                2         0           0          0         \n";

    static final String CONNECTIONS =
        "IPVS connection entries\n" +
        "pro expire state       source             virtual            destination\n" +
        "TCP 14:55  ESTABLISHED 198.18.2.1:40000   198.18.0.100:80    198.18.1.1:80\n" +
        "UDP 00:07  UDP         [2001:db8::9]:5000 [2001:db8::100]:53 [2001:db8::1]:53\n" +
        "TCP 102:03 NONE        198.18.2.0:0       198.18.0.100:80    198.18.1.1:80\n";

    private IpvsadmGolden()
    {
    }
}
