package org.lanfree.array;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.lanfree.array.channel.ChannelServer;
import org.lanfree.array.config.ArrayConfig;
import org.lanfree.array.config.ArrayConfigReader;
import org.lanfree.array.config.ConfigException;
import org.lanfree.array.config.Sizes;
import org.lanfree.array.device.Device;
import org.lanfree.array.director.ChannelDirector;
import org.lanfree.array.director.DiskDirector;
import org.lanfree.connect.daemon.StopSignals;
import org.lanfree.connect.auth.SharedSecret;
import org.lanfree.connect.channel.CacheMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running array: cache, devices, directors and the channel servers hosts attach to. */
public final class ArrayDaemon implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ArrayDaemon.class);

    private final ArrayState state;
    private final List<ChannelDirector> directors;
    private final DiskDirector disk;
    private final List<ChannelServer> servers = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;

    private ArrayDaemon(ArrayState state, List<ChannelDirector> directors, DiskDirector disk) {
        this.state = state;
        this.directors = directors;
        this.disk = disk;
    }

    /** Starts the array; returns once hosts can attach. */
    public static ArrayDaemon start(ArrayConfig config) throws IOException {
        Map<Integer, Device> devices = new LinkedHashMap<>();
        for (ArrayConfig.DeviceConfig d : config.devices()) {
            devices.put(d.number(), Device.open(d.number(), d.file(), d.tracks(), config.trackSize()));
        }
        Files.createDirectories(config.cacheFile().toAbsolutePath().getParent());
        CacheMemory memory = CacheMemory.create(config.cacheFile(), config.trackSize(), config.cacheSlots());
        if (config.prefault()) {
            memory.prefault();
        }
        ArrayState state = new ArrayState(config, memory, devices);
        DiskDirector disk = new DiskDirector(config.diskDirectors(), memory, devices);
        ArrayEngine engine = new ArrayEngine(state, disk);
        List<ChannelDirector> directors = new ArrayList<>();
        for (int i = 1; i <= config.channelDirectors(); i++) {
            directors.add(new ChannelDirector("FA-" + i, config.queueCapacity(), config.serviceTimeMicros(), engine));
        }
        engine.directors(directors);
        disk.start(engine);
        ArrayDaemon daemon = new ArrayDaemon(state, directors, disk);
        try {
            SharedSecret secret = config.channelSecret();
            daemon.servers.add(ChannelServer.unix(config.unixSocket(), engine, secret, config.attachSeconds()));
            if (config.tcpChannel() != null) {
                daemon.servers.add(ChannelServer.tcp(config.tcpChannel(), engine, secret, config.attachSeconds()));
            }
        } catch (IOException e) {
            daemon.close();
            throw new IOException("cannot open the array's channel: " + e.getMessage(), e);
        }
        log.info("array: cache {} x {} = {} in {}, {} devices, {} channel directors (queue {}), {} disk directors, "
                        + "STG groups {}; hosts attach at {}",
                config.cacheSlots(), Sizes.format(config.trackSize()), Sizes.format(config.cacheBytes()),
                config.cacheFile(), devices.size(), directors.size(), config.queueCapacity(), config.diskDirectors(),
                state.groups.keySet(), daemon.addresses());
        return daemon;
    }

    /** Where hosts attach, e.g. {@code [unix:/…/array.sock, tcp:127.0.0.1:7400]}. */
    public List<String> addresses() throws IOException {
        List<String> out = new ArrayList<>();
        for (ChannelServer s : servers) {
            String a = s.address();
            out.add(a.startsWith("/") ? "unix:" + a : "tcp:" + a);
        }
        return out;
    }

    /** Entry point of the array's own process: {@code ArrayDaemon CONFIG_FILE}. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ArrayDaemon CONFIG_FILE");
            System.exit(2);
        }
        System.exit(runForeground(Path.of(args[0])));
    }

    /**
     * Runs the array in the foreground until SIGTERM or SIGINT. Returns the exit code: 0 after a
     * clean stop, 2 for a bad configuration, 1 when it cannot start.
     */
    public static int runForeground(Path configFile) {
        ArrayConfig config;
        try {
            config = ArrayConfigReader.read(configFile);
        } catch (ConfigException e) {
            System.err.println("array-sim: bad configuration " + configFile + ": " + e.getMessage());
            return 2;
        }
        ArrayDaemon daemon;
        try {
            daemon = start(config);
        } catch (IOException e) {
            System.err.println("array-sim: cannot start: " + e.getMessage());
            return 1;
        }
        StopSignals.onTermOrInt("array-sim", daemon::close);
        System.out.println("array-sim ready");
        System.out.flush();
        daemon.awaitStop();
        return 0;
    }

    public void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops: hosts lose their channel (and see a clear error), the cache file is removed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (state) {
            state.stopping = true;
        }
        for (ChannelServer s : servers) {
            try {
                s.close();
            } catch (IOException e) {
                log.warn("array: closing channel: {}", e.getMessage());
            }
        }
        try {
            for (ChannelDirector d : directors) {
                d.close();
            }
            disk.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Device d : state.devices.values()) {
            try {
                d.close();
            } catch (IOException e) {
                log.warn("array: closing device {}: {}", d.number(), e.getMessage());
            }
        }
        try {
            Files.deleteIfExists(state.config.cacheFile());
        } catch (IOException e) {
            log.warn("array: removing cache file {}: {}", state.config.cacheFile(), e.getMessage());
        }
        log.info("array: stopped after moving {} bytes", state.bytesMoved);
        stopped.countDown();
    }
}
