package org.jvs.director.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who may use the control socket: root, the daemon's own user, and members of the configured group (the
 * peer's primary group from SO_PEERCRED, or a supplementary group read from {@code /proc/PID/status}).
 */
public final class PeerPolicy
{
    private final int ownUid;
    private final int groupGid;
    private final String groupName;

    /**
     * @param ownUid    the daemon's uid.
     * @param groupGid  the configured group's gid, or -1 for none.
     * @param groupName the configured group's name (for messages), or null.
     */
    public PeerPolicy(final int ownUid, final int groupGid, final String groupName)
    {
        this.ownUid = ownUid;
        this.groupGid = groupGid;
        this.groupName = groupName;
    }

    /**
     * @param uid peer's uid.
     * @param gid peer's primary gid.
     * @param pid peer's pid.
     * @return null when the peer may use the socket, else why not.
     */
    public String refusal(final int uid, final int gid, final int pid)
    {
        if (uid == 0 || uid == ownUid)
        {
            return null;
        }
        if (groupGid >= 0 && (gid == groupGid || hasSupplementaryGroup(pid, groupGid)))
        {
            return null;
        }
        return groupGid >= 0 ?
            "neither root nor in group " + groupName + " (gid " + groupGid + ")" :
            "not root (no control group is configured)";
    }

    private static boolean hasSupplementaryGroup(final int pid, final int gid)
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc", Integer.toString(pid), "status")))
            {
                if (line.startsWith("Groups:"))
                {
                    for (final String word : line.substring("Groups:".length()).trim().split("\\s+"))
                    {
                        if (word.equals(Integer.toString(gid)))
                        {
                            return true;
                        }
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            return false;
        }
        return false;
    }
}
