package org.jvs.director.vrrp;

import org.agrona.MutableDirectBuffer;
import org.jvs.core.packet.Checksums;
import org.jvs.core.packet.EthernetFlyweight;
import org.jvs.core.packet.Ipv4Flyweight;
import org.jvs.core.packet.VrrpFlyweight;

/**
 * Builds and parses VRRP advertisements as whole Ethernet frames over IPv4: to 224.0.0.18 (MAC
 * 01:00:5e:00:00:12), IP protocol 112, TTL 255, TOS 0xc0 (internetwork control, as keepalived), from the
 * interface MAC or, with {@code use_vmac}, 00:00:5e:00:01:VRID. v2 checksums cover the VRRP message, v3's add
 * the IPv4 pseudo-header. Allocates nothing.
 */
public final class VrrpAdvertCodec
{
    /** 224.0.0.18. */
    public static final int VRRP_GROUP = 0xE000_0012;
    /** 01:00:5e:00:00:12. */
    public static final long VRRP_GROUP_MAC = 0x0100_5E00_0012L;
    /** 00:00:5e:00:01:00, the VRID in the last byte. */
    public static final long VIRTUAL_MAC_BASE = 0x0000_5E00_0100L;
    /** IPTOS_PREC_INTERNETCONTROL. */
    public static final int TOS_INTERNET_CONTROL = 0xC0;
    private static final byte[] EMPTY = new byte[0];

    private final EthernetFlyweight ethernet = new EthernetFlyweight();
    private final Ipv4Flyweight ipv4 = new Ipv4Flyweight();
    private final VrrpFlyweight vrrp = new VrrpFlyweight();
    private long malformed;
    private long checksumDrops;

    /**
     * @param vrid virtual router id.
     * @return its virtual MAC 00:00:5e:00:01:VRID.
     */
    public static long virtualMac(final int vrid)
    {
        return VIRTUAL_MAC_BASE | (vrid & 0xFF);
    }

    /**
     * Write one advertisement frame.
     *
     * @param buffer         where to write.
     * @param offset         where the Ethernet header starts.
     * @param settings       the instance.
     * @param priority       priority to advertise (0 when stopping).
     * @param interfaceMac   the interface's MAC (used unless use_vmac).
     * @param identification IPv4 identification.
     * @return the frame length.
     */
    public int build(
        final MutableDirectBuffer buffer, final int offset, final VrrpSettings settings, final int priority,
        final long interfaceMac, final int identification)
    {
        return build(buffer, offset, settings, priority, interfaceMac, identification, VRRP_GROUP, VRRP_GROUP_MAC);
    }

    /**
     * Write one advertisement frame to a given destination ({@code unicast_peer}: the peer's address and MAC).
     *
     * @param buffer          where to write.
     * @param offset          where the Ethernet header starts.
     * @param settings        the instance.
     * @param priority        priority to advertise (0 when stopping).
     * @param interfaceMac    the interface's MAC (used unless use_vmac).
     * @param identification  IPv4 identification.
     * @param destination     IPv4 destination, 224.0.0.18 or a unicast peer.
     * @param destinationMac  Ethernet destination.
     * @return the frame length.
     */
    public int build(
        final MutableDirectBuffer buffer, final int offset, final VrrpSettings settings, final int priority,
        final long interfaceMac, final int identification, final int destination, final long destinationMac)
    {
        final int ipOffset = offset + EthernetFlyweight.HEADER_LENGTH;
        final int vrrpOffset = ipOffset + Ipv4Flyweight.MIN_HEADER_LENGTH;
        ethernet.wrap(buffer, offset).destinationMac(destinationMac)
            .sourceMac(settings.useVmac() ? virtualMac(settings.virtualRouterId()) : interfaceMac)
            .etherType(EthernetFlyweight.ETHER_TYPE_IPV4);
        final int[] vips = settings.virtualAddresses();
        vrrp.wrap(buffer, vrrpOffset).versionAndType(settings.version(), VrrpFlyweight.TYPE_ADVERTISEMENT)
            .virtualRouterId(settings.virtualRouterId()).priority(priority).addressCount(vips.length);
        for (int i = 0; i < vips.length; i++)
        {
            vrrp.ipv4Address(i, vips[i]);
        }
        final int length;
        if (settings.version() == VrrpFlyweight.VERSION_2)
        {
            final byte[] password = settings.password();
            vrrp.authType(null == password ? VrrpFlyweight.AUTH_TYPE_NONE : VrrpFlyweight.AUTH_TYPE_PASS)
                .advertIntervalSeconds(settings.advertIntervalCs() / 100)
                .authData(null == password ? EMPTY : password);
            length = vrrp.lengthV2();
            vrrp.updateChecksumV2(length);
        }
        else
        {
            vrrp.maxAdvertIntervalCentiseconds(settings.advertIntervalCs());
            length = vrrp.lengthV3(false);
            vrrp.updateChecksumV3(settings.primaryAddress(), destination, length);
        }
        ipv4.wrap(buffer, ipOffset).versionAndIhl(Ipv4Flyweight.MIN_IHL).tos(TOS_INTERNET_CONTROL)
            .totalLength(Ipv4Flyweight.MIN_HEADER_LENGTH + length).identification(identification)
            .flagsAndFragmentOffset(0).ttl(VrrpFlyweight.REQUIRED_TTL).protocol(Ipv4Flyweight.PROTOCOL_VRRP)
            .sourceAddress(settings.primaryAddress()).destinationAddress(destination).updateChecksum();
        return EthernetFlyweight.HEADER_LENGTH + Ipv4Flyweight.MIN_HEADER_LENGTH + length;
    }

    /**
     * Read an advertisement from an IPv4 packet (no Ethernet header). Checks structure and checksum (counted
     * when bad); leaves TTL, version, VRID and auth to {@link VrrpInstance#onAdvert}.
     *
     * @param buffer   holding the packet.
     * @param offset   where the IPv4 header starts.
     * @param length   bytes available from offset.
     * @param password the instance's PASS password, null for none.
     * @param advert   filled.
     * @return true when it is a well-formed advertisement.
     */
    public boolean parseIpv4(
        final MutableDirectBuffer buffer, final int offset, final int length, final byte[] password,
        final VrrpAdvert advert)
    {
        if (length < Ipv4Flyweight.MIN_HEADER_LENGTH)
        {
            malformed++;
            return false;
        }
        ipv4.wrap(buffer, offset);
        final int ipHeader = ipv4.headerLength();
        final int total = ipv4.totalLength();
        if (ipv4.version() != Ipv4Flyweight.VERSION || ipv4.protocol() != Ipv4Flyweight.PROTOCOL_VRRP ||
            ipHeader < Ipv4Flyweight.MIN_HEADER_LENGTH || total > length ||
            total < ipHeader + VrrpFlyweight.HEADER_LENGTH || ipv4.isFragment())
        {
            malformed++;
            return false;
        }
        final int vrrpLength = total - ipHeader;
        vrrp.wrap(buffer, offset + ipHeader);
        final int version = vrrp.version();
        final int needed = version == VrrpFlyweight.VERSION_2 ? vrrp.lengthV2() : vrrp.lengthV3(false);
        if (vrrpLength < needed)
        {
            malformed++;
            return false;
        }
        final int sum = version == VrrpFlyweight.VERSION_3 ?
            Checksums.transportChecksumIpv4(buffer, vrrp.offset(), vrrpLength, ipv4.sourceAddress(),
                ipv4.destinationAddress(), Ipv4Flyweight.PROTOCOL_VRRP) :
            Checksums.checksum(buffer, vrrp.offset(), vrrpLength);
        if (sum != 0)
        {
            checksumDrops++;
            return false;
        }
        fill(advert, version, password);
        return true;
    }

    private void fill(final VrrpAdvert advert, final int version, final byte[] password)
    {
        advert.version = version;
        advert.type = vrrp.type();
        advert.virtualRouterId = vrrp.virtualRouterId();
        advert.priority = vrrp.priority();
        advert.addressCount = vrrp.addressCount();
        advert.sourceAddress = ipv4.sourceAddress();
        advert.ttl = ipv4.ttl();
        if (version == VrrpFlyweight.VERSION_2)
        {
            advert.advertIntervalCs = vrrp.advertIntervalSeconds() * 100;
            advert.authOk = null == password ? vrrp.authType() == VrrpFlyweight.AUTH_TYPE_NONE :
                vrrp.authType() == VrrpFlyweight.AUTH_TYPE_PASS && vrrp.authDataMatches(password);
        }
        else
        {
            advert.advertIntervalCs = vrrp.maxAdvertIntervalCentiseconds();
            advert.authOk = true;
        }
    }

    /**
     * @return packets too short, not VRRP over IPv4, or fragments.
     */
    public long malformed()
    {
        return malformed;
    }

    /**
     * @return advertisements with a bad checksum.
     */
    public long checksumDrops()
    {
        return checksumDrops;
    }
}
