package io.github.tapbitrix24.singer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SingerWriterTest {
    private static final JsonMapper M = JsonMapper.shared();

    private static JsonNode json(String s) {
        return M.readTree(s.replace('\'', '"'));
    }

    @Test
    void writesOneMessagePerLineInSingerShape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SingerWriter w = new SingerWriter(out)) {
            w.writeSchema("deals", json("{'type':'object'}"), List.of("ID"), List.of("DATE_MODIFY"));
            w.writeRecord("deals", json("{'ID':1,'TITLE':'Ünïcode \\\"q\\\"'}"), Instant.parse("2024-01-02T03:04:05Z"));
            w.writeState(json("{'bookmarks':{'deals':{'replication_key_value':'2024-01-01T00:00:00Z'}}}"));
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        for (String line : lines) {
            assertTrue(line.startsWith("{\"type\":"), "a message line starts with its object, was: " + line);
        }
        assertEquals(json("{'type':'SCHEMA','stream':'deals','schema':{'type':'object'},'key_properties':['ID'],"
                + "'bookmark_properties':['DATE_MODIFY']}"), M.readTree(lines[0]));
        assertEquals(json("{'type':'RECORD','stream':'deals','record':{'ID':1,'TITLE':'Ünïcode \\\"q\\\"'},"
                + "'time_extracted':'2024-01-02T03:04:05.000Z'}"), M.readTree(lines[1]));
        assertEquals("STATE", M.readTree(lines[2]).get("type").asString());
    }

    @Test
    void recordsStayBufferedUntilAStateFlushesThem() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SingerWriter w = new SingerWriter(out);
        w.writeRecord("deals", json("{'ID':1}"), Instant.EPOCH);
        assertEquals(0, out.size(), "a record alone is not flushed");
        w.writeState(json("{}"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(2, text.split("\n").length);
        assertEquals('\n', text.charAt(text.length() - 1), "the STATE line is complete on the stream");
    }

    @Test
    void timeExtractedIsWrittenInMillisecondsAlwaysThreeDigits() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SingerWriter w = new SingerWriter(out)) {
            w.writeRecord("deals", json("{'ID':1}"), Instant.parse("2024-01-02T03:04:05.123456789Z"));
            w.writeRecord("deals", json("{'ID':2}"), Instant.parse("2024-01-02T03:04:06.5Z"));
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("2024-01-02T03:04:05.123Z", M.readTree(lines[0]).get("time_extracted").asString());
        assertEquals("2024-01-02T03:04:06.500Z", M.readTree(lines[1]).get("time_extracted").asString());
    }

    @Test
    void aStateEqualToTheLastStateWrittenIsNotWrittenAgain() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SingerWriter w = new SingerWriter(out)) {
            tools.jackson.databind.node.ObjectNode state = (tools.jackson.databind.node.ObjectNode) json("{'bookmarks':{}}");
            w.writeState(state);
            w.writeState(state);
            state.putObject("bookmarks").put("deals", 1);
            w.writeState(state);           // the same node, changed after it was written: new
            w.writeRecord("deals", json("{'ID':1}"), Instant.EPOCH);
            w.writeState(state);           // records between do not make an equal state new
        }
        List<String> types = out.toString(StandardCharsets.UTF_8).lines()
                .map(l -> M.readTree(l).get("type").asString()).toList();
        assertEquals(List.of("STATE", "STATE", "RECORD"), types);
    }

    @Test
    void aRepeatedStateStillDeliversTheRecordsWrittenBeforeIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SingerWriter w = new SingerWriter(out);
        w.writeState(json("{'a':1}"));
        int afterState = out.size();
        w.writeRecord("deals", json("{'ID':1}"), Instant.EPOCH);
        w.writeState(json("{'a':1}"));
        assertTrue(out.size() > afterState, "the record is on the stream");
        assertEquals(List.of("STATE", "RECORD"), out.toString(StandardCharsets.UTF_8).lines()
                .map(l -> M.readTree(l).get("type").asString()).toList());
    }

    @Test
    void flushAndCloseDeliverEverythingAndLeaveTheStreamOpen() {
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        SingerWriter w = new SingerWriter(out);
        w.writeRecord("deals", json("{'ID':1}"), Instant.EPOCH);
        w.flush();
        assertEquals("{\"type\":\"RECORD\",\"stream\":\"deals\",\"record\":{\"ID\":1},"
                + "\"time_extracted\":\"1970-01-01T00:00:00.000Z\"}\n", out.toString(StandardCharsets.UTF_8));
        w.writeActivateVersion("deals", 7);
        w.close();
        assertEquals(json("{'type':'ACTIVATE_VERSION','stream':'deals','version':7}"),
                M.readTree(out.toString(StandardCharsets.UTF_8).lines().toList().get(1)));
        assertEquals(false, closed.get(), "stdout stays open for the launcher");
    }

    @Test
    void aRecordWrittenByItsBodyCarriesTheTableVersionAndOmitsAnUnknownExtractionTime() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SingerWriter w = new SingerWriter(out)) {
            w.writeRecord("users", g -> { g.writeStartObject(); g.writeNumberProperty("ID", 5); g.writeEndObject(); },
                    Instant.parse("2024-01-02T03:04:05Z"), 1725270000000L);
            w.writeRecord("users", g -> { g.writeStartObject(); g.writeEndObject(); }, null);
            w.writeRecord("users", json("{}"), null);
            w.writeSchema("users", json("{}"), null, null);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(json("{'type':'RECORD','stream':'users','record':{'ID':5},'version':1725270000000,"
                + "'time_extracted':'2024-01-02T03:04:05.000Z'}").toString(), M.readTree(lines.get(0)).toString());
        assertEquals(json("{'type':'RECORD','stream':'users','record':{}}"), M.readTree(lines.get(1)));
        assertEquals(json("{'type':'RECORD','stream':'users','record':{}}"), M.readTree(lines.get(2)));
        assertEquals(json("{'type':'SCHEMA','stream':'users','schema':{},'key_properties':[],'bookmark_properties':[]}"),
                M.readTree(lines.get(3)));
    }

    @Test
    void anOutputThatCannotBeWrittenEndsTheRunWithOutputClosed() {
        java.io.OutputStream broken = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }
        };
        SingerWriter w = new SingerWriter(broken);
        SingerWriter.OutputClosedException e = org.junit.jupiter.api.Assertions.assertThrows(
                SingerWriter.OutputClosedException.class, () -> w.writeState(json("{'a':1}")));
        assertEquals("cannot write Singer messages: Broken pipe", e.getMessage());
        assertEquals(java.util.Optional.of(e), SingerWriter.OutputClosedException.causeOf(new RuntimeException(e)));
        assertEquals(java.util.Optional.empty(), SingerWriter.OutputClosedException.causeOf(new RuntimeException("x")));
    }
}
