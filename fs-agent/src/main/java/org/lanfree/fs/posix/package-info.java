/**
 * libc through the FFM API (Linux x86-64, glibc), at the byte level: a {@link org.lanfree.fs.posix.ByteString}
 * is a name or link target exactly as the kernel holds it, never decoded. {@link org.lanfree.fs.posix.Posix}
 * wraps the calls a tree walk and a restore need, relative to directory descriptors so that no path
 * is limited by {@code PATH_MAX}; each failure is a {@link org.lanfree.fs.posix.PosixException}
 * naming the call, the path and {@code strerror(errno)}.
 */
package org.lanfree.fs.posix;
