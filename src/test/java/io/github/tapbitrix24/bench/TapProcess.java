package io.github.tapbitrix24.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real tap jar as a child process through {@code bin/tap-bitrix24} (its JVM options and AppCDS archive),
 * under {@code /usr/bin/time -v} for exact user+sys CPU and peak RSS of the JVM, with stdout piped
 * into a {@link CountingSink} and stderr kept in a file.
 */
final class TapProcess {
    /** The launcher next to the jar's {@code target/}: its JVM options and AppCDS archive are what ships. */
    static Path launcher(Path jar) {
        return jar.toAbsolutePath().getParent().getParent().resolve("bin").resolve("tap-bitrix24");
    }

    /** The launcher's default JVM options line, for the report. */
    static String launcherOptions(Path jar) throws IOException {
        for (String l : Files.readAllLines(launcher(jar))) {
            if (l.startsWith("opts=")) {
                return l.substring("opts=".length());
            }
        }
        return "(see bin/tap-bitrix24)";
    }

    /** Runs the launcher once, so its AppCDS archive exists before anything is measured. */
    static void prepareLauncher(Path jar) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", launcher(jar).toString(), "--about")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("bin/tap-bitrix24 --about failed");
        }
    }
    private static final Pattern SUMMARY = Pattern.compile(
            "^INFO (\\S+): (\\d+) records?, (\\d+) HTTP requests? \\((\\d+) commands?\\), ([0-9.]+) s$");
    private static final Pattern SKIPPED = Pattern.compile("^(?:INFO|WARN) (\\S+): skipped \\((.*)\\)$");
    private static final Pattern PREFETCH = Pattern.compile(
            "^INFO first pages of (\\d+) small streams: (\\d+) HTTP requests? \\((\\d+) commands?\\)$");
    private static final Pattern ALONG = Pattern.compile("^INFO stream (\\S+): read along with (\\S+)$");

    /**
     * A stream as the tap's own stderr summary reports it, in run order.
     *
     * @param along the parent stream whose read this child stream rode along (its requests are
     *              interleaved with the parent's), else null
     */
    record TapStream(String stream, long records, long httpRequests, long subCommands, double seconds, String skipped,
                     String along) {
    }

    /**
     * @param wallNanos  from launch to exit, JVM start included
     * @param cpuSeconds user + sys of the JVM (from /usr/bin/time)
     * @param maxRssKb   peak resident set of the JVM (from /usr/bin/time)
     */
    record Result(int exitCode, long wallNanos, double userSeconds, double sysSeconds, long maxRssKb,
                  CountingSink sink, List<TapStream> streams, Path stderr) {
        double cpuSeconds() {
            return userSeconds + sysSeconds;
        }
    }

    private final Path jar;
    private final Path workDir;

    TapProcess(Path jar, Path workDir) {
        this.jar = jar;
        this.workDir = workDir;
    }

    /**
     * Runs the tap with {@code args}; {@code onStart} gets the JVM's pid as soon as it exists (for
     * /proc sampling). stdout goes to {@code stdoutTo}, or when null is counted; stderr and the
     * /usr/bin/time report go to files named after {@code label} in the work dir.
     */
    Result run(String label, List<String> args, LongConsumer onStart, Path stdoutTo) throws IOException, InterruptedException {
        Path timeFile = workDir.resolve(label + ".time.txt");
        Path stderr = workDir.resolve(label + ".stderr.txt");
        // the launcher execs java, so /usr/bin/time's child is the tap's JVM
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o", timeFile.toString(), "bash",
                launcher(jar).toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectError(stderr.toFile())
                .redirectOutput(stdoutTo == null ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.to(stdoutTo.toFile())).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (onStart != null) {
            javaChild(p).ifPresent(onStart::accept);
        }
        CountingSink sink = new CountingSink();
        sink.consume(p.getInputStream());
        int code = p.waitFor();
        long wall = System.nanoTime() - t0;
        String time = Files.readString(timeFile);
        return new Result(code, wall, number(time, "User time \\(seconds\\): ([0-9.]+)"),
                number(time, "System time \\(seconds\\): ([0-9.]+)"),
                (long) number(time, "Maximum resident set size \\(kbytes\\): ([0-9]+)"), sink, summaries(stderr), stderr);
    }

    /** The java process started by /usr/bin/time (it appears a moment after the launch). */
    private static Optional<Long> javaChild(Process time) throws InterruptedException {
        for (int i = 0; i < 2000 && time.isAlive(); i++) {
            Optional<ProcessHandle> child = time.toHandle().children().findFirst();
            if (child.isPresent()) {
                return Optional.of(child.get().pid());
            }
            Thread.sleep(1);
        }
        return Optional.empty();
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no '" + regex + "' in /usr/bin/time output:\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }

    static List<TapStream> summaries(Path stderr) throws IOException {
        List<TapStream> out = new ArrayList<>();
        java.util.Map<String, String> along = new java.util.HashMap<>();
        for (String line : Files.readAllLines(stderr)) {
            Matcher p = PREFETCH.matcher(line);
            if (p.matches()) {
                // the runner's one batch for the small streams' first calls: a stretch of its own
                out.add(new TapStream("(first calls of " + p.group(1) + " small streams)", 0, Long.parseLong(p.group(2)),
                        Long.parseLong(p.group(3)), 0, null, null));
                continue;
            }
            Matcher a = ALONG.matcher(line);
            if (a.matches()) {
                along.put(a.group(1), a.group(2));
                continue;
            }
            Matcher m = SUMMARY.matcher(line);
            if (m.matches()) {
                out.add(new TapStream(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                        Long.parseLong(m.group(4)), Double.parseDouble(m.group(5)), null, along.get(m.group(1))));
                continue;
            }
            Matcher s = SKIPPED.matcher(line);
            if (s.matches()) {
                out.add(new TapStream(s.group(1), 0, 0, 0, 0, s.group(2), along.get(s.group(1))));
            }
        }
        return out;
    }
}
