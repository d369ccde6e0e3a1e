/**
 * The typed model of a keepalived.conf: immutable records, each with the file:line it came from and, where a
 * later piece of work needs it, the file:line of every keyword that set one of its fields.
 */
package org.jvs.director.config.model;
