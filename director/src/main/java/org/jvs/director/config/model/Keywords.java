package org.jvs.director.config.model;

import java.util.Map;

import org.jvs.director.config.Location;

/**
 * Where each keyword of a block was set: keyword to the file:line of its (last) occurrence. Lets a later consumer
 * name the line of a value it cannot use.
 *
 * @param locations keyword to location.
 */
public record Keywords(Map<String, Location> locations)
{
    /** No keyword set. */
    public static final Keywords NONE = new Keywords(Map.of());

    /**
     * Copies the map.
     */
    public Keywords
    {
        locations = Map.copyOf(locations);
    }

    /**
     * @param keyword a keyword.
     * @return where it was set, or null when it was not.
     */
    public Location of(final String keyword)
    {
        return locations.get(keyword);
    }

    /**
     * @param keyword a keyword.
     * @return true when the block set it.
     */
    public boolean has(final String keyword)
    {
        return locations.containsKey(keyword);
    }
}
