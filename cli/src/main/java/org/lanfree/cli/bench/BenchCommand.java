package org.lanfree.cli.bench;

import picocli.CommandLine.Command;

/** {@code lanfree bench}: the benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that measure lanfree against a reference in the same run.",
        subcommands = {TransportBench.class, VtlBench.class, FsBench.class, H2Bench.class,
                TransportPeerCommand.class})
public final class BenchCommand {
}
