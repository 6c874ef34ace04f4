package org.lanfree.array.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.lanfree.connect.auth.SharedSecret;

/**
 * Everything the array needs to start. Paths are absolute (resolved against the configuration
 * file's folder when read).
 *
 * @param unixSocket      the command socket of the shared-memory channel
 * @param tcpChannel      host:port of the TCP channel, or null when hosts attach only locally
 * @param secretFile      the channel secret's file, or null when hosts attach without one
 * @param attachSeconds   how long a new connection may take to attach before it is dropped
 * @param cacheFile       the file that backs the cache memory and that hosts map
 * @param trackSize       bytes per track and per cache slot
 * @param cacheSlots      number of track-sized slots in the cache
 * @param prefault        write over the whole cache at start so no copy pays for fresh memory
 * @param channelDirectors number of front-end directors
 * @param queueCapacity   requests each channel director queues before hosts must wait
 * @param serviceTimeMicros simulated time a channel director spends on each request
 * @param diskDirectors   number of back-end directors (stage and destage)
 * @param devices         the devices, numbered from 0
 * @param groups          the STG groups
 */
public record ArrayConfig(
        Path unixSocket,
        String tcpChannel,
        Path secretFile,
        int attachSeconds,
        Path cacheFile,
        int trackSize,
        int cacheSlots,
        boolean prefault,
        int channelDirectors,
        int queueCapacity,
        int serviceTimeMicros,
        int diskDirectors,
        List<DeviceConfig> devices,
        List<StgGroupConfig> groups) {

    /** One device: a fixed number of tracks backed by a sparse file. */
    public record DeviceConfig(int number, Path file, int tracks) {
    }

    /**
     * An STG group: devices used as transport, a range of STP ports, and ring lengths (tracks
     * per direction) for its connections.
     */
    public record StgGroupConfig(int id, List<Integer> devices, int firstPort, int lastPort,
                                 int defaultRingTracks, int maxRingTracks) {

        public int portCount() {
            return lastPort - firstPort + 1;
        }
    }

    /** The channel secret hosts on this machine prove when they attach, or null when none is set. */
    public SharedSecret channelSecret() throws IOException {
        return secretFile == null ? null : SharedSecret.of(Files.readAllBytes(secretFile));
    }

    public long cacheBytes() {
        return (long) trackSize * cacheSlots;
    }

    public StgGroupConfig group(int id) {
        for (StgGroupConfig g : groups) {
            if (g.id() == id) {
                return g;
            }
        }
        return null;
    }
}
