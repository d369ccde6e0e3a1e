package org.jvs.director.admin;

/**
 * ipvsadm's commands with its names for them (the words of its error messages) and, for each, its table of
 * legal options ({@code commands_v_options} in ipvsadm.c): one character per {@link AdminOption}, in that
 * enum's order: {@code '+'} compulsory, {@code 'x'} illegal, {@code '1'} at most one of these, {@code ' '}
 * optional. {@link #RELOAD} and {@link #VRRP} are jvs's own.
 */
enum AdminCommand
{
    ADD("add-service", "xx+   xxxxxxxxxxxxxxx   xxxxx"),
    EDIT("edit-service", "xx+   xxxxxxxxxxxxxxx   xxxxx"),
    DELETE("delete-service", "xx+xxxxxxxxxxxxxxxxxxxxxxxxxx"),
    FLUSH("flush", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    LIST("list", " 11xxxxxxxxx11       xxxxxxxx"),
    ADD_DEST("add-server", "xx+xxx+    xxxxxxxxxxxxxxxxx "),
    DELETE_DEST("delete-server", "xx+xxx+xxxxxxxxxxxxxxxxxxxxxx"),
    EDIT_DEST("edit-server", "xx+xxx+    xxxxxxxxxxxxxxxxx "),
    TIMEOUT("set", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    START_DAEMON("start-daemon", "xxxxxxxxxxx xxxxxxx xxxx    x"),
    STOP_DAEMON("stop-daemon", "xxxxxxxxxxxxxxxxxxx xxxxxxxxx"),
    RESTORE("restore", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    SAVE("save", " xxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    ZERO("zero", "xx xxxxxxxxxxxxxxxxxxxxxxxxxx"),
    RELOAD("reload", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    VRRP("vrrp", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
    HELP("help", "                             "),
    VERSION("version", "                             ");

    private final String ipvsadmName;
    private final String legal;

    AdminCommand(final String ipvsadmName, final String legal)
    {
        this.ipvsadmName = ipvsadmName;
        this.legal = legal;
    }

    /**
     * @return ipvsadm's name of the command.
     */
    String ipvsadmName()
    {
        return ipvsadmName;
    }

    /**
     * @param option an option.
     * @return its character in this command's row.
     */
    char legality(final AdminOption option)
    {
        return legal.charAt(option.ordinal());
    }
}
