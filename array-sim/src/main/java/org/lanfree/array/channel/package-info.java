/**
 * The array's side of the host channel: servers that accept hosts on the Unix-domain socket and
 * on TCP, one {@link org.lanfree.array.channel.HostSession} per attached host reading its requests
 * and writing replies, and the {@link org.lanfree.array.channel.Request} that travels to a director.
 */
package org.lanfree.array.channel;
