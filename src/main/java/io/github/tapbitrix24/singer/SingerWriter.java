package io.github.tapbitrix24.singer;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes Singer messages, one JSON object per line, with Jackson's streaming generator over a
 * buffered stream. Output is flushed at every STATE, so a killed run has delivered everything up to
 * the last STATE it wrote and the target can resume from it; between STATEs the buffer keeps the
 * write cost per record low. Not thread-safe: one writer per run, used from one thread.
 */
public final class SingerWriter implements Closeable {
    // One message per line: the newline is written explicitly after each message (so a line is complete
    // before any flush), and Jackson's default root-value separator (a space) is switched off, or every
    // line after the first would start with a blank.
    private static final JsonMapper MAPPER = JsonMapper.builder(
                    JsonFactory.builder().rootValueSeparator((String) null).build())
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString RECORD = new SerializedString("RECORD");
    private static final SerializedString STREAM = new SerializedString("stream");
    private static final SerializedString RECORD_NAME = new SerializedString("record");
    private static final SerializedString TIME_EXTRACTED = new SerializedString("time_extracted");

    private final BufferedOutputStream buffer;
    private final JsonGenerator gen;
    private Instant lastInstant;
    private String lastInstantText;
    private JsonNode lastState;

    /** {@code out} is not closed by {@link #close()}: its owner (the CLI, for stdout) closes it. */
    public SingerWriter(OutputStream out) {
        this.buffer = new BufferedOutputStream(out, 1 << 16);
        this.gen = MAPPER.createGenerator(buffer);
    }

    /** {@code {"type":"SCHEMA","stream":..,"schema":..,"key_properties":[..],"bookmark_properties":[..]}}. */
    public void writeSchema(String stream, JsonNode schema, List<String> keyProperties,
                            List<String> bookmarkProperties) {
        run(() -> {
            gen.writeStartObject();
            gen.writeStringProperty("type", "SCHEMA");
            gen.writeStringProperty("stream", stream);
            gen.writeName("schema");
            gen.writeTree(schema);
            writeStrings("key_properties", keyProperties);
            writeStrings("bookmark_properties", bookmarkProperties);
            gen.writeEndObject();
            newline();
        });
    }

    /** {@code {"type":"RECORD","stream":..,"record":..,"time_extracted":"...Z"}}. */
    public void writeRecord(String stream, JsonNode record, Instant timeExtracted) {
        run(() -> {
            gen.writeStartObject();
            gen.writeStringProperty("type", "RECORD");
            gen.writeStringProperty("stream", stream);
            gen.writeName("record");
            gen.writeTree(record);
            if (timeExtracted != null) {
                gen.writeStringProperty("time_extracted", instantText(timeExtracted));
            }
            gen.writeEndObject();
            newline();
        });
    }

    /** Writes one record's JSON object to the generator it is given (and nothing else). */
    @FunctionalInterface
    public interface RecordBody {
        void writeTo(JsonGenerator gen);
    }

    /**
     * {@link #writeRecord(String, JsonNode, Instant)} with the record written by {@code body}
     * straight to the generator, so a caller that converts values need not build a tree first.
     */
    public void writeRecord(String stream, RecordBody body, Instant timeExtracted) {
        writeRecord(stream, body, timeExtracted, null);
    }

    /** As {@link #writeRecord(String, RecordBody, Instant)}, with the table {@code version} when not null. */
    public void writeRecord(String stream, RecordBody body, Instant timeExtracted, Long version) {
        run(() -> {
            gen.writeStartObject();
            gen.writeName(TYPE);
            gen.writeString(RECORD);
            gen.writeName(STREAM);
            gen.writeString(stream);
            gen.writeName(RECORD_NAME);
            body.writeTo(gen);
            if (version != null) {
                gen.writeNumberProperty("version", version);
            }
            if (timeExtracted != null) {
                gen.writeName(TIME_EXTRACTED);
                gen.writeString(instantText(timeExtracted));
            }
            gen.writeEndObject();
            newline();
        });
    }

    /**
     * {@code {"type":"ACTIVATE_VERSION","stream":..,"version":..}}: the target may now treat the rows
     * of older versions of the stream's table as gone.
     */
    public void writeActivateVersion(String stream, long version) {
        run(() -> {
            gen.writeStartObject();
            gen.writeStringProperty("type", "ACTIVATE_VERSION");
            gen.writeStringProperty("stream", stream);
            gen.writeNumberProperty("version", version);
            gen.writeEndObject();
            newline();
        });
    }

    /**
     * {@code {"type":"STATE","value":..}}, then flushes everything written so far. A state equal to
     * the last one written is not written again (the output is still flushed): it tells the target
     * nothing new, and targets that persist every STATE they see would do that work twice. Records
     * written since then lose nothing by it: a target flushes them at the end of its input, and a
     * resumed run starts from that same state anyway.
     */
    public void writeState(JsonNode value) {
        if (value.equals(lastState)) {
            flush();
            return;
        }
        lastState = value.deepCopy(); // the caller may change its node later
        run(() -> {
            gen.writeStartObject();
            gen.writeStringProperty("type", "STATE");
            gen.writeName("value");
            gen.writeTree(value);
            gen.writeEndObject();
            newline();
        });
        flush();
    }

    /** Pushes buffered messages to the underlying stream. */
    public void flush() {
        run(() -> {
            gen.flush();
            buffer.flush();
        });
    }

    /** Flushes; leaves the underlying stream open. */
    @Override
    public void close() {
        run(() -> {
            gen.close();
            buffer.flush();
        });
    }

    private void writeStrings(String name, List<String> values) {
        gen.writeName(name);
        gen.writeStartArray();
        if (values != null) {
            for (String v : values) {
                gen.writeString(v);
            }
        }
        gen.writeEndArray();
    }

    private void newline() {
        gen.writeRaw('\n');
    }

    // Records of one page share time_extracted: format it once. Milliseconds, always three digits
    // (2024-09-02T16:37:18.120Z): the precision targets store, and one fixed width.
    private String instantText(Instant t) {
        if (!t.equals(lastInstant)) {
            lastInstant = t;
            lastInstantText = MILLIS.format(t);
        }
        return lastInstantText;
    }

    /**
     * The output cannot be written any more: its reader closed it (a broken pipe) or the device
     * failed. Nothing later can reach the target, so the run ends; what was flushed with the last
     * STATE was delivered.
     */
    public static final class OutputClosedException extends UncheckedIOException {
        OutputClosedException(java.io.IOException cause) {
            super("cannot write Singer messages: " + cause.getMessage(), cause);
        }

        /** This exception anywhere in {@code e}'s cause chain. */
        public static java.util.Optional<OutputClosedException> causeOf(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof OutputClosedException o) {
                    return java.util.Optional.of(o);
                }
            }
            return java.util.Optional.empty();
        }
    }

    private interface IoAction {
        void run() throws Exception;
    }

    private static void run(IoAction a) {
        try {
            a.run();
        } catch (tools.jackson.core.exc.JacksonIOException e) { // the generator wraps the stream's IOException
            throw new OutputClosedException(e.getCause() != null ? e.getCause()
                    : new java.io.IOException(e.getOriginalMessage(), e));
        } catch (JacksonException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new OutputClosedException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
