package org.jvs.director.vrrp;

/**
 * States of a VRRP instance: RFC 3768/5798's Initialize, Backup, Master, and keepalived's FAULT (a tracked
 * interface down or a weight-0 script failing: the instance neither advertises nor takes over).
 */
public enum VrrpState
{
    INIT,
    BACKUP,
    MASTER,
    FAULT
}
