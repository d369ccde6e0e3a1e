package org.jvs.director.control;

/**
 * What {@code jvsadm --reload} asks the daemon to do: read its configuration again and apply it.
 */
@FunctionalInterface
public interface ReloadHandler
{
    /** A daemon without a configuration file to reload. */
    ReloadHandler NONE = () ->
    {
        throw new IllegalStateException("this director has no configuration file to reload");
    };

    /**
     * @return one line saying what was reloaded, printed by jvsadm.
     * @throws Exception with a message naming what is wrong (file:line) when the configuration is refused.
     */
    String reload() throws Exception;
}
