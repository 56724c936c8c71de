package io.github.tapbitrix24.cli;

import io.github.tapbitrix24.bitrix.BitrixApi;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.discover.Discovery;
import io.github.tapbitrix24.extract.spi.StreamSummary;
import io.github.tapbitrix24.singer.Catalog;
import java.io.PrintStream;
import java.util.logging.Logger;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --discover}: the catalog of this portal as indented JSON on stdout; streams left out are
 * explained on stderr (one line each, by {@link Discovery}). Failures propagate as exceptions for
 * {@link TapCommand} to map to an exit code; a stream left out is not a failure (exit 0).
 */
final class DiscoverMode implements Mode {
    private static final Logger LOG = Logger.getLogger(DiscoverMode.class.getName());
    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final RunContext context;

    DiscoverMode(RunContext context) {
        this.context = context;
    }

    @Override
    public int run() {
        return run(RunContext.timed(context.client()), context.config(), context.out());
    }

    /** Runs discovery through {@code api} and prints the catalog; returns the exit code (0). */
    static int run(BitrixApi api, TapConfig config, PrintStream stdout) {
        Catalog catalog = new Discovery(api, config).discover();
        stdout.print(toText(catalog));
        stdout.flush();
        LOG.info(() -> "discovered " + StreamSummary.count(catalog.streams().size(), "stream") + " in "
                + StreamSummary.count(api.stats().httpRequests(), "HTTP request"));
        return 0;
    }

    /** The catalog as the tap prints it (2-space indented JSON, trailing newline); also catalog-samples/. */
    static String toText(Catalog catalog) {
        return PRETTY.writeValueAsString(catalog.toJson()) + "\n";
    }
}
