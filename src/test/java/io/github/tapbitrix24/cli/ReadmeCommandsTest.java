package io.github.tapbitrix24.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README cannot rot: its settings table is {@code --about --format markdown}'s, and the demo
 * commands of its quick start (about, discover, demo with a config, demo with the first run's
 * state) are run here as written, in a temporary directory, through the tap's real command line.
 * Only the three command forms that block uses are understood; any other line fails the test, so
 * a new command in that block needs a way to run here first.
 */
class ReadmeCommandsTest {
    private static final Path README = Path.of("README.md");
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Pattern ECHO = Pattern.compile("echo '([^']*)' > (\\S+)");
    private static final Pattern LAST_STATE = Pattern.compile("grep '\"type\":\"STATE\"' (\\S+) \\| tail -n 1 > (\\S+)");
    private static final Pattern TAP = Pattern.compile("bin/tap-bitrix24 ([^>]+?)(?: > (\\S+))?");

    @TempDir
    Path dir;

    @Test
    void theSettingsTableIsTheOneAboutPrints() throws IOException {
        String about = tap(List.of("--about", "--format", "markdown")).out();
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String table = tableAfter(about, "| Setting | Type |");
        assertTrue(table.lines().count() > 10, table);
        assertEquals(table, tableAfter(readme, "| Setting | Type |"),
                "README's settings table differs from `bin/tap-bitrix24 --about --format markdown`: paste its table");
    }

    @Test
    void theDemoCommandsOfTheQuickStartRunAsWritten() throws IOException {
        List<String> commands = block(Files.readString(README, StandardCharsets.UTF_8), "The demo takes the usual flags");
        assertTrue(commands.size() >= 5, commands.toString());
        for (String command : commands) {
            run(command);
        }
        JsonNode about = JSON.readTree(Files.readString(dir.resolve("about.out")));
        assertTrue(about.get("capabilities").toString().contains("activate-version"));
        assertTrue(JSON.readTree(Files.readString(dir.resolve("catalog.json"))).get("streams").size() > 20);
        List<JsonNode> first = messages("first.jsonl");
        List<JsonNode> second = messages("second.jsonl");
        assertTrue(first.stream().anyMatch(m -> m.get("type").asString().equals("ACTIVATE_VERSION")),
                "emit_activate_version from the config");
        assertTrue(deals(first).stream().allMatch(d -> d.get("CATEGORY_ID").asInt() <= 1), "deal_category_ids [0, 1]");
        assertTrue(deals(second).size() < deals(first).size(), "the second run is incremental: "
                + deals(second).size() + " of " + deals(first).size() + " deals again");
    }

    private void run(String command) throws IOException {
        Matcher m;
        if ((m = ECHO.matcher(command)).matches()) {
            Files.writeString(dir.resolve(m.group(2)), m.group(1) + "\n");
        } else if ((m = LAST_STATE.matcher(command)).matches()) {
            List<String> states = Files.readAllLines(dir.resolve(m.group(1))).stream()
                    .filter(l -> l.contains("\"type\":\"STATE\"")).toList();
            Files.writeString(dir.resolve(m.group(2)), states.get(states.size() - 1) + "\n");
        } else if ((m = TAP.matcher(command)).matches()) {
            List<String> args = new ArrayList<>();
            String[] words = m.group(1).trim().split("\\s+");
            for (String w : words) {
                args.add(w.startsWith("--") ? w : dir.resolve(w).toString());
            }
            Result r = tap(args);
            assertEquals(0, r.exit(), command + "\n" + r.err());
            String target = m.group(2) == null ? "about.out" : m.group(2);
            Files.writeString(dir.resolve(target), r.out());
        } else {
            throw new AssertionError("a README command this test cannot run: " + command);
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result tap(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TapCommand.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Clock.systemUTC(), d -> { });
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The lines of the first ```bash block after {@code marker}, comments stripped. */
    private static List<String> block(String text, String marker) {
        int at = text.indexOf(marker);
        assertTrue(at >= 0, "README has no '" + marker + "'");
        int start = text.indexOf("```bash\n", at) + "```bash\n".length();
        int end = text.indexOf("```", start);
        List<String> lines = new ArrayList<>();
        for (String line : text.substring(start, end).split("\n")) {
            String l = line.replaceAll("\\s+#.*$", "").trim();
            if (!l.isEmpty()) {
                lines.add(l);
            }
        }
        return lines;
    }

    /** The markdown table starting at the line that begins with {@code header}, up to its end. */
    private static String tableAfter(String text, String header) {
        int at = text.indexOf(header);
        assertTrue(at >= 0, "no table starting with " + header);
        StringBuilder table = new StringBuilder();
        for (String line : text.substring(at).split("\n")) {
            if (!line.startsWith("|")) {
                break;
            }
            table.append(line).append('\n');
        }
        return table.toString();
    }

    private List<JsonNode> messages(String file) throws IOException {
        List<JsonNode> list = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(file))) {
            list.add(JSON.readTree(line));
        }
        return list;
    }

    private static List<JsonNode> deals(List<JsonNode> messages) {
        return messages.stream().filter(m -> m.get("type").asString().equals("RECORD")
                && m.get("stream").asString().equals("deals")).map(m -> m.get("record")).toList();
    }
}
