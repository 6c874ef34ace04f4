/**
 * The media server in the command line: {@code media-server start} runs it, {@link
 * org.lanfree.cli.media.MediaServerDaemon} puts it into a deployment, {@link
 * org.lanfree.cli.media.AdminCall} is one authenticated request on its admin port, and
 * {@code list} and {@code sql} read the catalog it keeps.
 */
package org.lanfree.cli.media;
