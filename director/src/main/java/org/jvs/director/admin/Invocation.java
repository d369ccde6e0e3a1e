package org.jvs.director.admin;

import java.util.List;

import org.jvs.core.service.DestSpec;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.ServiceSpec;
import org.jvs.core.service.VirtualService;

/**
 * One jvsadm command line, parsed: ipvsadm's {@code struct ipvs_command_entry} with its options and format
 * flags. Made by {@link ArgParser}, run by {@link AdminExecutor}.
 */
final class Invocation
{
    /** ipvsadm's default scheduler. */
    static final String DEFAULT_SCHEDULER = "wlc";

    static final int FMT_NUMERIC = 0x0001;
    static final int FMT_RULE = 0x0002;
    static final int FMT_STATS = 0x0004;
    static final int FMT_RATE = 0x0008;
    static final int FMT_THRESHOLDS = 0x0010;
    static final int FMT_PERSISTENTCONN = 0x0020;
    static final int FMT_NOSORT = 0x0040;
    static final int FMT_EXACT = 0x0080;

    AdminCommand command;
    long options;
    int format;

    int protocol;
    int family;
    InetAddr address;
    int port;
    int fwmark;
    String schedulerName = "";
    int flags;
    int persistenceTimeoutS;
    int netmask = 0xFFFFFFFF;
    String persistenceEngine = "";
    String schedFlagsText;

    InetAddr destAddress;
    int destPort;
    ForwardMethod forwardMethod = ForwardMethod.ROUTE;
    int weight = 1;
    int upperThreshold;
    int lowerThreshold;

    boolean daemonMaster;
    String mcastInterface;
    int syncId;
    int mcastGroup;
    int mcastPort;
    int mcastTtl;
    int syncMaxLength;

    int tcpTimeoutS;
    int tcpFinTimeoutS;
    int udpTimeoutS;

    /**
     * @param option an option class.
     * @return true when it was given.
     */
    boolean has(final AdminOption option)
    {
        return (options & option.bit()) != 0;
    }

    /**
     * @return the service key of {@code -t/-u/-f}, or null when none was given.
     */
    ServiceKey serviceKey()
    {
        if (fwmark != 0)
        {
            return ServiceKey.ofFwmark(fwmark, family == InetAddr.AF_INET6 ? InetAddr.AF_INET6 : InetAddr.AF_INET);
        }
        if (address == null)
        {
            return null;
        }
        return ServiceKey.of(protocol, address, port);
    }

    /**
     * @return the service as {@code -A}/{@code -E} configure it.
     */
    ServiceSpec serviceSpec()
    {
        final int timeoutS = (flags & VirtualService.F_PERSISTENT) != 0 ? persistenceTimeoutS : 0;
        return new ServiceSpec(
            serviceKey(), schedulerName, flags & ~VirtualService.F_PERSISTENT, timeoutS, netmask,
            List.of());
    }

    /**
     * @return the real server as {@code -a}/{@code -e} configure it.
     */
    DestSpec destSpec()
    {
        return new DestSpec(destAddress, destPort, forwardMethod, weight, upperThreshold, lowerThreshold);
    }
}
