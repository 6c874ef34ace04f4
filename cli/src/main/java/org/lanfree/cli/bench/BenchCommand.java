package org.lanfree.cli.bench;

import org.lanfree.cli.mount.MountBench;

import picocli.CommandLine.Command;

/** {@code lanfree bench}: the benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that measure lanfree against a reference in the same run.",
        subcommands = {TransportBench.class, VtlBench.class, FsBench.class, H2Bench.class, MountBench.class,
                TransportPeerCommand.class})
public final class BenchCommand {
}
