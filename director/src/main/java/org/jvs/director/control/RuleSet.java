package org.jvs.director.control;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jvs.core.service.DestSpec;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.ServiceSpec;
import org.jvs.core.service.ServiceTable;
import org.jvs.core.service.ServiceTableRef;

/**
 * The control plane's rule table, as IPVS's control code ({@code ip_vs_ctl.c}) keeps it: ipvsadm's
 * operations applied with the kernel's checks, in the kernel's order, refused with ipvsadm's words
 * ({@link RuleSetException}). Every change builds a new immutable {@link ServiceTable} and publishes it
 * through the {@link ServiceTableRef} the workers read; a new real server goes to the head of its service's
 * list, as {@code list_add_rcu} puts it. The connection timeouts of {@code --set} are kept here too.
 * <p>
 * Thread-safe: the control socket, the configuration loader and the health checkers may all change it; every
 * method holds this object's monitor. Workers never touch it: they read the published table.
 */
public final class RuleSet
{
    private static final int IPV6_MAX_PREFIX = 128;

    private final ServiceTableRef tableRef;
    private final Predicate<String> schedulerExists;
    private final List<ServiceSpec> services = new ArrayList<>();
    private volatile Timeouts timeouts = Timeouts.DEFAULT;
    private Consumer<Timeouts> timeoutsListener = t ->
    {
    };
    private int batchDepth;
    private boolean changedInBatch;

    /**
     * @param tableRef        where tables are published (its current table is the starting point).
     * @param schedulerExists whether an ipvsadm scheduler name is known: {@code new SchedulerRegistry()::has}
     *                        in the daemon, a fixed set in tests.
     */
    public RuleSet(final ServiceTableRef tableRef, final Predicate<String> schedulerExists)
    {
        this.tableRef = tableRef;
        this.schedulerExists = schedulerExists;
        services.addAll(tableRef.current().services());
    }

    /**
     * @return the table published last.
     */
    public ServiceTable table()
    {
        return tableRef.current();
    }

    /**
     * @return the current {@code --set} timeouts.
     */
    public Timeouts timeouts()
    {
        return timeouts;
    }

    /**
     * {@code ipvsadm --set tcp tcpfin udp}: 0 leaves a value as it was.
     *
     * @param tcpS    TCP ESTABLISHED timeout in seconds, or 0.
     * @param tcpFinS TCP FIN_WAIT timeout in seconds, or 0.
     * @param udpS    UDP timeout in seconds, or 0.
     */
    public synchronized void setTimeouts(final int tcpS, final int tcpFinS, final int udpS)
    {
        timeouts = timeouts.with(tcpS, tcpFinS, udpS);
        timeoutsListener.accept(timeouts);
    }

    /**
     * @param listener told the new timeouts after every {@code --set} (the daemon passes them on to its
     *                 workers' connection tables as a command).
     */
    public synchronized void timeoutsListener(final Consumer<Timeouts> listener)
    {
        this.timeoutsListener = listener;
    }

    /**
     * Run several operations and publish one table at the end (when anything changed), so workers see them
     * as one change ({@code ipvsadm -R}, a configuration reload). Operations that fail inside are not undone.
     *
     * @param operations the operations.
     */
    public synchronized void batch(final Runnable operations)
    {
        batchDepth++;
        try
        {
            operations.run();
        }
        finally
        {
            batchDepth--;
            if (batchDepth == 0 && changedInBatch)
            {
                changedInBatch = false;
                publish();
            }
        }
    }

    /**
     * {@code ipvsadm -A}.
     *
     * @param spec the service; its server list is ignored (a new service has none).
     */
    public synchronized void addService(final ServiceSpec spec)
    {
        if (indexOf(spec.key()) >= 0)
        {
            throw new RuleSetException(RuleSetException.SERVICE_EXISTS);
        }
        checkServiceSpec(spec);
        services.add(new ServiceSpec(
            spec.key(), spec.schedulerName(), spec.flags(), spec.persistenceTimeoutS(), spec.netmask(), List.of()));
        changed();
    }

    /**
     * {@code ipvsadm -E}: replace scheduler, flags, persistence and netmask; the real servers stay.
     *
     * @param spec the service's new settings; its server list is ignored.
     */
    public synchronized void editService(final ServiceSpec spec)
    {
        final int index = indexOf(spec.key());
        if (index < 0)
        {
            throw new RuleSetException(RuleSetException.NO_SUCH_SERVICE);
        }
        checkServiceSpec(spec);
        final ServiceSpec old = services.get(index);
        services.set(index, new ServiceSpec(
            spec.key(), spec.schedulerName(), spec.flags(), spec.persistenceTimeoutS(), spec.netmask(),
            old.servers()));
        changed();
    }

    /**
     * {@code ipvsadm -D}.
     *
     * @param key the service.
     */
    public synchronized void deleteService(final ServiceKey key)
    {
        final int index = indexOf(key);
        if (index < 0)
        {
            throw new RuleSetException(RuleSetException.NO_SUCH_SERVICE);
        }
        services.remove(index);
        changed();
    }

    /**
     * {@code ipvsadm -C}: delete every service.
     */
    public synchronized void clear()
    {
        services.clear();
        changed();
    }

    /**
     * Replace the whole table at once (a configuration load), publishing one table. Each service is checked
     * as {@code -A} and each server as {@code -a} would check it; nothing changes when one is refused.
     *
     * @param specs the services in order, each with its servers in IPVS list order.
     */
    public synchronized void replaceAll(final List<ServiceSpec> specs)
    {
        final List<ServiceSpec> checked = new ArrayList<>();
        for (final ServiceSpec spec : specs)
        {
            for (final ServiceSpec earlier : checked)
            {
                if (earlier.key().equals(spec.key()))
                {
                    throw new RuleSetException(RuleSetException.SERVICE_EXISTS);
                }
            }
            checkServiceSpec(spec);
            final List<DestSpec> servers = new ArrayList<>();
            for (final DestSpec dest : spec.servers())
            {
                checkDest(spec, dest);
                checkUnicast(dest.address());
                for (final DestSpec other : servers)
                {
                    if (other.is(dest.address(), dest.port()))
                    {
                        throw new RuleSetException(RuleSetException.DEST_EXISTS);
                    }
                }
                servers.add(dest);
            }
            checked.add(spec);
        }
        services.clear();
        services.addAll(checked);
        changed();
    }

    /**
     * {@code ipvsadm -a}: the new real server goes to the head of the service's list.
     *
     * @param key  the service.
     * @param dest the real server.
     */
    public synchronized void addServer(final ServiceKey key, final DestSpec dest)
    {
        final ServiceSpec service = serviceForDest(key);
        checkDest(service, dest);
        if (service.find(dest.address(), dest.port()) != null)
        {
            throw new RuleSetException(RuleSetException.DEST_EXISTS);
        }
        checkUnicast(dest.address());
        final List<DestSpec> servers = new ArrayList<>(service.servers().size() + 1);
        servers.add(dest);
        servers.addAll(service.servers());
        replace(service, servers);
    }

    /**
     * {@code ipvsadm -e}: forwarding method, weight and thresholds change; the server keeps its place.
     *
     * @param key  the service.
     * @param dest the real server's new settings (address and port name it).
     */
    public synchronized void editServer(final ServiceKey key, final DestSpec dest)
    {
        final ServiceSpec service = serviceForDest(key);
        checkDest(service, dest);
        final List<DestSpec> servers = new ArrayList<>(service.servers());
        final int index = indexOf(servers, dest.address(), dest.port());
        if (index < 0)
        {
            throw new RuleSetException(RuleSetException.NO_SUCH_DEST);
        }
        servers.set(index, dest);
        replace(service, servers);
    }

    /**
     * {@code ipvsadm -d}.
     *
     * @param key     the service.
     * @param address RIP.
     * @param port    real port.
     */
    public synchronized void deleteServer(final ServiceKey key, final InetAddr address, final int port)
    {
        final ServiceSpec service = serviceForDest(key);
        final List<DestSpec> servers = new ArrayList<>(service.servers());
        final int index = indexOf(servers, address, port);
        if (index < 0)
        {
            throw new RuleSetException(RuleSetException.NO_SUCH_DEST);
        }
        servers.remove(index);
        replace(service, servers);
    }

    /**
     * The check of {@code -Z} and {@code -L -t}: the service must exist.
     *
     * @param key the service.
     * @return its spec.
     * @throws RuleSetException "No such service".
     */
    public synchronized ServiceSpec service(final ServiceKey key)
    {
        final int index = indexOf(key);
        if (index < 0)
        {
            throw new RuleSetException(RuleSetException.NO_SUCH_SERVICE);
        }
        return services.get(index);
    }

    private ServiceSpec serviceForDest(final ServiceKey key)
    {
        final int index = indexOf(key);
        if (index < 0)
        {
            throw new RuleSetException(RuleSetException.SERVICE_NOT_DEFINED);
        }
        return services.get(index);
    }

    private void checkServiceSpec(final ServiceSpec spec)
    {
        if (!schedulerExists.test(spec.schedulerName()))
        {
            throw new RuleSetException(RuleSetException.SCHEDULER_NOT_FOUND);
        }
        final ServiceKey key = spec.key();
        if (!key.isFwmark() && key.protocol() != ServiceKey.TCP && key.protocol() != ServiceKey.UDP &&
            key.protocol() != ServiceKey.SCTP)
        {
            throw new RuleSetException(RuleSetException.INVALID);
        }
        if (key.family() == InetAddr.AF_INET6 && (spec.netmask() < 1 || spec.netmask() > IPV6_MAX_PREFIX))
        {
            throw new RuleSetException(RuleSetException.INVALID);
        }
        if (spec.persistenceTimeoutS() < 0)
        {
            throw new RuleSetException(RuleSetException.INVALID);
        }
    }

    private static void checkDest(final ServiceSpec service, final DestSpec dest)
    {
        if (dest.address().family() != service.key().family() && dest.forwardMethod() != ForwardMethod.TUNNEL)
        {
            throw new RuleSetException(RuleSetException.INVALID);
        }
        if (dest.weight() < 0 || dest.lowerThreshold() > dest.upperThreshold() ||
            dest.upperThreshold() < 0 || dest.lowerThreshold() < 0)
        {
            throw new RuleSetException(RuleSetException.OUT_OF_RANGE);
        }
    }

    /**
     * The kernel's {@code ip_vs_new_dest} refuses addresses that are not unicast.
     */
    private static void checkUnicast(final InetAddr address)
    {
        if (!address.isIpv6())
        {
            final int a = address.ipv4();
            final boolean zero = (a >>> 24) == 0;
            final boolean broadcast = a == 0xFFFFFFFF;
            final boolean multicast = (a >>> 28) == 0xE;
            if (zero || broadcast || multicast)
            {
                throw new RuleSetException(RuleSetException.INVALID);
            }
            return;
        }
        final int w0 = address.word(0);
        final boolean unspecified =
            w0 == 0 && address.word(1) == 0 && address.word(2) == 0 && address.word(3) == 0;
        final boolean multicast = (w0 >>> 24) == 0xFF;
        final boolean linkLocal = (w0 >>> 22) == (0xFE80 >>> 6);
        if (unspecified || multicast || linkLocal)
        {
            throw new RuleSetException(RuleSetException.INVALID);
        }
    }

    private void replace(final ServiceSpec service, final List<DestSpec> servers)
    {
        services.set(indexOf(service.key()), new ServiceSpec(
            service.key(), service.schedulerName(), service.flags(), service.persistenceTimeoutS(),
            service.netmask(), servers));
        changed();
    }

    private int indexOf(final ServiceKey key)
    {
        for (int i = 0; i < services.size(); i++)
        {
            if (services.get(i).key().equals(key))
            {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(final List<DestSpec> servers, final InetAddr address, final int port)
    {
        for (int i = 0; i < servers.size(); i++)
        {
            if (servers.get(i).is(address, port))
            {
                return i;
            }
        }
        return -1;
    }

    private void changed()
    {
        if (batchDepth > 0)
        {
            changedInBatch = true;
            return;
        }
        publish();
    }

    private void publish()
    {
        tableRef.publish(new ServiceTable(tableRef.current().version() + 1, services));
    }
}
