package org.jvs.director.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;

import org.jvs.core.service.DestSpec;
import org.jvs.core.service.ForwardMethod;
import org.jvs.core.service.InetAddr;
import org.jvs.core.service.ServiceKey;
import org.jvs.core.service.ServiceSpec;
import org.jvs.core.service.ServiceTable;
import org.jvs.core.service.ServiceTableRef;
import org.junit.jupiter.api.Test;

class RuleSetTest
{
    private static final ServiceKey WEB = ServiceKey.of(ServiceKey.TCP, InetAddr.parse("198.18.0.1"), 80);

    private final ServiceTableRef tableRef = new ServiceTableRef();
    private final RuleSet rules = new RuleSet(tableRef, Set.of("rr", "wlc")::contains);

    private static ServiceSpec web(final String scheduler)
    {
        return new ServiceSpec(WEB, scheduler, 0, 0, 0xFFFFFFFF, List.of());
    }

    private static DestSpec dest(final String address, final int weight)
    {
        return new DestSpec(InetAddr.parse(address), 80, ForwardMethod.ROUTE, weight, 0, 0);
    }

    @Test
    void everyChangePublishesANewTableWithServersAtTheHead()
    {
        rules.addService(web("rr"));
        rules.addServer(WEB, dest("198.18.1.1", 1));
        rules.addServer(WEB, dest("198.18.1.2", 1));
        rules.addServer(WEB, dest("198.18.1.3", 1));
        final ServiceTable table = tableRef.current();
        assertEquals(4, table.version());
        final List<DestSpec> servers = table.find(WEB).servers();
        assertEquals(List.of("198.18.1.3", "198.18.1.2", "198.18.1.1"),
            servers.stream().map(d -> d.address().toString()).toList());

        rules.editServer(WEB, dest("198.18.1.2", 5));
        assertEquals(5, tableRef.current().find(WEB).servers().get(1).weight(), "an edited server keeps its place");
        assertEquals(1, table.find(WEB).servers().get(1).weight(), "a published table never changes");

        rules.editService(web("wlc"));
        assertEquals("wlc", tableRef.current().find(WEB).schedulerName());
        assertEquals(3, tableRef.current().find(WEB).servers().size(), "-E keeps the real servers");
        rules.deleteServer(WEB, InetAddr.parse("198.18.1.2"), 80);
        rules.deleteService(WEB);
        assertEquals(0, tableRef.current().services().size());
        assertEquals(8, tableRef.current().version());
    }

    @Test
    void refusalsUseIpvsadmsWordsAndPublishNothing()
    {
        rules.addService(web("rr"));
        rules.addServer(WEB, dest("198.18.1.1", 1));
        final ServiceTable before = tableRef.current();
        assertEquals("Service already exists", assertThrows(RuleSetException.class,
            () -> rules.addService(web("rr"))).getMessage());
        assertEquals("Scheduler or persistence engine not found", assertThrows(RuleSetException.class,
            () -> rules.editService(web("nope"))).getMessage());
        assertEquals("Destination already exists", assertThrows(RuleSetException.class,
            () -> rules.addServer(WEB, dest("198.18.1.1", 3))).getMessage());
        assertEquals("Numerical result out of range", assertThrows(RuleSetException.class,
            () -> rules.addServer(WEB, dest("198.18.1.2", -1))).getMessage());
        assertEquals(RuleSetException.INVALID, assertThrows(RuleSetException.class,
            () -> rules.addServer(WEB, dest("255.255.255.255", 1))).getMessage());
        assertEquals(RuleSetException.INVALID, assertThrows(RuleSetException.class,
            () -> rules.addServer(WEB, new DestSpec(InetAddr.parse("2001:db8::1"), 80, ForwardMethod.MASQ, 1, 0, 0)))
            .getMessage());
        rules.addServer(WEB, new DestSpec(InetAddr.parse("2001:db8::1"), 80, ForwardMethod.TUNNEL, 1, 0, 0));
        assertEquals(before.version() + 1, tableRef.current().version(), "a TUN server may be of another family");
    }

    @Test
    void batchPublishesOnceAndReplaceAllIsAllOrNothing()
    {
        rules.batch(() ->
        {
            rules.addService(web("rr"));
            rules.addServer(WEB, dest("198.18.1.1", 1));
            rules.addServer(WEB, dest("198.18.1.2", 1));
        });
        assertEquals(1, tableRef.current().version());
        final ServiceTable before = tableRef.current();
        final ServiceSpec twice = new ServiceSpec(WEB, "rr", 0, 0, 0xFFFFFFFF,
            List.of(dest("198.18.1.7", 1), dest("198.18.1.7", 2)));
        assertEquals("Destination already exists", assertThrows(RuleSetException.class,
            () -> rules.replaceAll(List.of(twice))).getMessage());
        assertSame(before, tableRef.current());
        final ServiceSpec fresh = new ServiceSpec(WEB, "wlc", 0, 0, 0xFFFFFFFF, List.of(dest("198.18.1.7", 1)));
        rules.replaceAll(List.of(fresh));
        assertEquals(fresh, tableRef.current().find(WEB));
        assertEquals(2, tableRef.current().version());
    }

    @Test
    void setKeepsTimeoutsGivenAsZero()
    {
        assertEquals(new Timeouts(900, 120, 300), rules.timeouts());
        final List<Timeouts> told = new java.util.ArrayList<>();
        rules.timeoutsListener(told::add);
        rules.setTimeouts(0, 30, 0);
        assertEquals(new Timeouts(900, 30, 300), rules.timeouts());
        assertEquals(List.of(new Timeouts(900, 30, 300)), told);
    }
}
