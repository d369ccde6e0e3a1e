package org.jvs.director.vrrp;

/**
 * The fields of a received advertisement that the state machine acts on, filled by {@link VrrpAdvertCodec#parse}.
 * Reused for every frame.
 */
public final class VrrpAdvert
{
    int version;
    int type;
    boolean authOk;
    int virtualRouterId;
    int priority;
    int advertIntervalCs;
    int sourceAddress;
    int ttl;
    int addressCount;

    /**
     * Set the fields directly (tests, or a caller with its own parser).
     *
     * @param version          2 or 3.
     * @param virtualRouterId  VRID.
     * @param priority         0..255.
     * @param advertIntervalCs advertisement interval in centiseconds (v2: seconds × 100).
     * @param sourceAddress    IPv4 source, the sender's primary address.
     * @return this.
     */
    public VrrpAdvert set(
        final int version, final int virtualRouterId, final int priority, final int advertIntervalCs,
        final int sourceAddress)
    {
        this.version = version;
        this.virtualRouterId = virtualRouterId;
        this.priority = priority;
        this.advertIntervalCs = advertIntervalCs;
        this.sourceAddress = sourceAddress;
        this.type = 1;
        this.ttl = 255;
        this.authOk = true;
        return this;
    }

    /**
     * @param ttl the IP TTL it arrived with.
     * @return this.
     */
    public VrrpAdvert ttl(final int ttl)
    {
        this.ttl = ttl;
        return this;
    }

    /**
     * @param authOk true when its v2 auth type and data match ours.
     * @return this.
     */
    public VrrpAdvert authOk(final boolean authOk)
    {
        this.authOk = authOk;
        return this;
    }

    public int type()
    {
        return type;
    }

    public boolean authOk()
    {
        return authOk;
    }

    public int version()
    {
        return version;
    }

    public int virtualRouterId()
    {
        return virtualRouterId;
    }

    public int priority()
    {
        return priority;
    }

    public int advertIntervalCs()
    {
        return advertIntervalCs;
    }

    public int sourceAddress()
    {
        return sourceAddress;
    }

    public int ttl()
    {
        return ttl;
    }

    public int addressCount()
    {
        return addressCount;
    }
}
