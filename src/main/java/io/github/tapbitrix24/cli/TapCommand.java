package io.github.tapbitrix24.cli;

import io.github.tapbitrix24.bitrix.BitrixException;
import io.github.tapbitrix24.bitrix.Sleeper;
import io.github.tapbitrix24.bitrix.WebhookUrl;
import io.github.tapbitrix24.config.BuildInfo;
import io.github.tapbitrix24.config.ConfigException;
import io.github.tapbitrix24.config.ConfigLoader;
import io.github.tapbitrix24.config.ConfigSchema;
import io.github.tapbitrix24.config.TapConfig;
import io.github.tapbitrix24.singer.SingerWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The tap's command line, Singer and Meltano style. Parses flags, loads the config, picks one
 * {@link Mode} in {@link #mode()} and maps failures to exit codes: 0 success; 2 usage or
 * configuration error; 1 extraction failure after retries. Errors are one line each on stderr,
 * never on stdout (which carries Singer messages only), with a stack trace only at
 * {@code --log-level debug}, and never with the webhook secret.
 */
@Command(name = "tap-bitrix24", mixinStandardHelpOptions = true, versionProvider = TapCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Singer tap for Bitrix24: extracts CRM, organisation and telephony data through an inbound"
                + " webhook and writes Singer SCHEMA, RECORD and STATE messages to stdout.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:extraction failed (after retries), or stdout was closed by its reader", "2:usage or configuration error"})
public final class TapCommand implements Callable<Integer> {
    static final String NAME = "tap-bitrix24";

    @Option(names = "--config", paramLabel = "FILE|ENV",
            description = "Config JSON file; repeat to merge (later files win). ENV reads TAP_BITRIX24_<SETTING> variables.")
    List<String> configs = new ArrayList<>();

    @Option(names = "--discover", description = "Print the catalog of available streams.")
    boolean discover;

    @Option(names = {"--catalog", "--properties"}, paramLabel = "FILE",
            description = "Catalog of selected streams (--properties is the legacy name); runs a sync.")
    Path catalog;

    @Option(names = "--state", paramLabel = "FILE", description = "State from a previous run, to resume incrementally.")
    Path state;

    @Option(names = "--about", description = "Print name, version, capabilities and settings; needs no config.")
    boolean about;

    @Option(names = "--format", paramLabel = "json|markdown", defaultValue = "json",
            description = "Format of --about: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    AboutMode.Format format;

    @Option(names = "--test", description = "Check the connection: one call to 'scope'; prints the portal and the webhook's scopes.")
    boolean test;

    @Option(names = "--demo", description = "Run against a built-in simulated Bitrix24 portal; needs no config."
            + " --config (any setting but webhook_url), --discover, --catalog and --state apply as usual.")
    boolean demo;

    @Option(names = "--demo-portal", description = "Serve the built-in simulated portal on loopback until stopped;"
            + " prints a config with its webhook URL on stdout, for pipelines that start the tap themselves.")
    boolean demoPortal;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "Logging on stderr: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); debug adds stack traces.")
    LogSetup.LogLevel logLevel;

    private final PrintStream out;
    private final PrintStream err;
    private final SecretFilter outFilter;
    private final SecretFilter errFilter;
    private final Map<String, String> environment;
    private final Clock clock;
    private final Sleeper sleeper;
    private UnaryOperator<String> redactor = UnaryOperator.identity();
    private OneLineFormatter logFormatter;

    TapCommand(PrintStream out, PrintStream err, Map<String, String> environment, Clock clock, Sleeper sleeper) {
        this.outFilter = new SecretFilter(out);
        this.errFilter = new SecretFilter(err);
        this.out = new PrintStream(outFilter, false, StandardCharsets.UTF_8);
        this.err = new PrintStream(errFilter, true, StandardCharsets.UTF_8);
        this.environment = environment;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public static void main(String[] args) {
        PrintStream stdout = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        System.exit(run(args, stdout, System.err, System.getenv(), Clock.systemUTC(), Sleeper.REAL));
    }

    /** Runs the tap as the launcher would, with its streams and environment injected; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment,
                          Clock clock, Sleeper sleeper) {
        // networknt logs through SLF4J; without a provider SLF4J prints a warning of its own to stderr.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        TapCommand command = new TapCommand(out, err, environment, clock, sleeper);
        try {
            return command.execute(args);
        } finally {
            command.out.flush();
            command.err.flush();
        }
    }

    private int execute(String[] args) {
        CommandLine cli = new CommandLine(this);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, a) -> {
            // picocli quotes the arguments it did not understand: one may be a webhook URL
            err.println(WebhookUrl.maskAny(NAME + ": " + parameterProblem(e) + " (see --help)"));
            return 2;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> fail(e));
        try {
            return cli.execute(args);
        } catch (RuntimeException | Error e) {
            // picocli hands only Exceptions to the handler: an Error (or a failing handler) lands here,
            // and must not become the JVM's stack trace on stderr either.
            return fail(e);
        }
    }

    /** picocli's words, except for an option given without its file, which gets ours. */
    private static String parameterProblem(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.MissingParameterException missing && missing.getMissing() != null) {
            for (CommandLine.Model.ArgSpec arg : missing.getMissing()) {
                if (arg instanceof CommandLine.Model.OptionSpec option && option.longestName().equals("--properties")) {
                    return "--catalog needs the catalog file after it, e.g. --catalog catalog.json"
                            + " (make one with --discover)";
                }
                if (arg instanceof CommandLine.Model.OptionSpec option) {
                    return option.longestName() + " needs a value after it: " + option.paramLabel();
                }
            }
        }
        return e.getMessage();
    }

    @Override
    public Integer call() throws Exception {
        logFormatter = LogSetup.install(err, logLevel);
        try {
            return mode().run();
        } finally {
            out.flush();
        }
    }

    /** The one place that decides what this run does. */
    Mode mode() throws ConfigException {
        List<String> chosen = new ArrayList<>();
        if (about) {
            chosen.add("--about");
        }
        if (test) {
            chosen.add("--test");
        }
        if (discover && !demo) {
            chosen.add("--discover"); // --demo --discover: the demo portal's catalog
        }
        if (demo) {
            chosen.add("--demo");
        }
        if (demoPortal) {
            chosen.add("--demo-portal");
        }
        if (chosen.size() > 1) {
            throw new UsageError("choose one of " + String.join(", ", chosen));
        }
        if (discover && catalog != null) {
            throw new UsageError("--discover writes a new catalog and reads none: drop --catalog to discover, or drop"
                    + " --discover to sync the streams the catalog selects");
        }
        if (about) {
            return new AboutMode(format, ConfigSchema.load(), out);
        }
        if (demoPortal) {
            return new DemoPortalMode(out, DemoPortalMode::untilKilled);
        }
        if (demo) {
            ConfigLoader loader = new ConfigLoader(environment, ConfigSchema.load());
            return new DemoMode(DemoMode.userSettings(loader, configs), loader, readable("catalog", catalog),
                    readable("state", state), discover, out, clock, sleeper);
        }
        RunContext context = context();
        if (test) {
            return new TestMode(context);
        }
        if (discover) {
            return new DiscoverMode(context);
        }
        return new SyncMode(context);
    }

    private RunContext context() throws ConfigException {
        TapConfig config = new ConfigLoader(environment, ConfigSchema.load()).load(configs);
        WebhookUrl webhook = config.webhookUrl();
        redactor = webhook::redact;
        try {
            outFilter.redactWith(webhook);
            errFilter.redactWith(webhook);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        logFormatter.redactWith(redactor);
        return new RunContext(config, readable("catalog", catalog), readable("state", state), out, clock, sleeper);
    }

    private static Optional<Path> readable(String what, Path file) {
        if (file == null) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageError(what + " file " + file + " does not exist");
        }
        if (!Files.isReadable(file)) {
            throw new UsageError(what + " file " + file + " cannot be read");
        }
        return Optional.of(file);
    }

    /** Maps a failure to its exit code, printing one line per problem. */
    int fail(Throwable e) {
        int code;
        List<String> lines = new ArrayList<>();
        if (SingerWriter.OutputClosedException.causeOf(e).isPresent()) {
            code = 1;
            lines.add("stdout was closed by its reader; stopping. Everything up to the last STATE written was"
                    + " delivered, and a run given that STATE continues from there");
        } else if (e instanceof ConfigException c) {
            code = 2;
            lines.addAll(c.problems());
        } else if (e instanceof UsageError) {
            code = 2;
            lines.add(e.getMessage());
        } else if (e instanceof BitrixException) {
            code = 1;
            lines.add(e.getMessage());
        } else {
            code = 1;
            lines.add("failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        for (String line : lines) {
            err.println(redact(NAME + ": " + line));
        }
        if (logLevel == LogSetup.LogLevel.debug) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(redact(trace.toString()));
        }
        err.flush();
        return code;
    }

    /** The configured webhook's secret, and that of anything else shaped like a webhook (a URL given as a file name). */
    private String redact(String text) {
        return WebhookUrl.maskAny(redactor.apply(text));
    }

    /** {@code --version}, from the Maven-filtered {@code tap-bitrix24.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {NAME + " " + BuildInfo.version()};
        }
    }
}
