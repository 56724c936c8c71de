package io.github.tapbitrix24.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the tap's stdout to the end and counts Singer messages per stream and type, and bytes,
 * without keeping them. Only the first bytes of each line are looked at: the writer puts
 * {@code "type"} first and {@code "stream"} second ({@code SingerWriter}), so a full JSON parse
 * would only cost the benchmark's own CPU on the cores the tap runs on.
 */
final class CountingSink {
    /** Messages and bytes of one stream. */
    static final class StreamCount {
        long records;
        long schemas;
        long bytes;
    }

    private final Map<String, StreamCount> streams = new LinkedHashMap<>();
    private long states;
    private long lines;
    private long bytes;
    private long malformed;

    /** Consumes {@code in} until EOF. */
    void consume(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        byte[] head = new byte[160];
        int headLen = 0;
        long lineBytes = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            bytes += n;
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                lineBytes++;
                if (b == '\n') {
                    line(head, headLen, lineBytes);
                    headLen = 0;
                    lineBytes = 0;
                } else if (headLen < head.length) {
                    head[headLen++] = b;
                }
            }
        }
        if (headLen > 0) {
            line(head, headLen, lineBytes);
        }
    }

    private void line(byte[] head, int len, long lineBytes) {
        lines++;
        String h = new String(head, 0, len, StandardCharsets.UTF_8);
        String type = field(h, "\"type\":\"");
        if ("STATE".equals(type)) {
            states++;
            return;
        }
        String stream = field(h, "\"stream\":\"");
        if (type == null || stream == null) {
            malformed++;
            return;
        }
        StreamCount c = streams.computeIfAbsent(stream, k -> new StreamCount());
        c.bytes += lineBytes;
        switch (type) {
            case "RECORD" -> c.records++;
            case "SCHEMA" -> c.schemas++;
            default -> malformed++;
        }
    }

    private static String field(String head, String prefix) {
        int at = head.indexOf(prefix);
        if (at < 0) {
            return null;
        }
        int from = at + prefix.length();
        int end = head.indexOf('"', from);
        return end < 0 ? null : head.substring(from, end);
    }

    Map<String, StreamCount> streams() {
        return streams;
    }

    long records() {
        return streams.values().stream().mapToLong(c -> c.records).sum();
    }

    long states() {
        return states;
    }

    long lines() {
        return lines;
    }

    long bytes() {
        return bytes;
    }

    long malformed() {
        return malformed;
    }
}
