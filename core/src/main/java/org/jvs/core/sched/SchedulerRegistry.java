package org.jvs.core.sched;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds schedulers by ipvsadm name through {@link ServiceLoader}, so a jar on the class path that lists its
 * class in {@code META-INF/services/org.jvs.core.sched.Scheduler} adds a scheduler without touching jvs.
 */
public final class SchedulerRegistry
{
    private final Map<String, Class<? extends Scheduler>> byName = new TreeMap<>();

    /**
     * Load every scheduler visible to this class's loader.
     */
    public SchedulerRegistry()
    {
        this(SchedulerRegistry.class.getClassLoader());
    }

    /**
     * @param loader where to look for providers.
     */
    public SchedulerRegistry(final ClassLoader loader)
    {
        for (final ServiceLoader.Provider<Scheduler> provider : ServiceLoader.load(Scheduler.class, loader)
            .stream().toList())
        {
            byName.putIfAbsent(provider.get().name(), provider.type());
        }
    }

    /**
     * @return the ipvsadm names known, sorted.
     */
    public Iterable<String> names()
    {
        return byName.keySet();
    }

    /**
     * @param name ipvsadm name.
     * @return true when a scheduler of that name is known.
     */
    public boolean has(final String name)
    {
        return byName.containsKey(name);
    }

    /**
     * @param name ipvsadm name.
     * @return a new instance, for one service.
     * @throws IllegalArgumentException "Scheduler not found: NAME" when unknown (ipvsadm's words).
     */
    public Scheduler create(final String name)
    {
        final Class<? extends Scheduler> type = byName.get(name);
        if (type == null)
        {
            throw new IllegalArgumentException("Scheduler not found: " + name);
        }
        try
        {
            return type.getDeclaredConstructor().newInstance();
        }
        catch (final InstantiationException | IllegalAccessException | NoSuchMethodException |
            InvocationTargetException ex)
        {
            throw new IllegalStateException("cannot make scheduler " + name + " (" + type.getName() + ")", ex);
        }
    }
}
