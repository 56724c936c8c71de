package io.github.tapbitrix24.bitrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The output filter masks the secret however the bytes are split, and holds nothing back at a line end. */
class RedactingOutputStreamTest {
    private static final String SECRET = "s3cretTOKEN42";

    @Test
    void masksTheSecretSplitAcrossWritesAndFlushes() throws Exception {
        String text = "{\"a\":\"x" + SECRET + "y\"}\n" + SECRET + SECRET + "\n" + "s3cret not it\n";
        for (int split = 1; split < text.length(); split++) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            OutputStream out = new RedactingOutputStream(sink, SECRET);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, split);
            out.flush();
            out.write(bytes, split, bytes.length - split);
            out.flush();
            assertEquals(text.replace(SECRET, "***"), sink.toString(StandardCharsets.UTF_8), "split at " + split);
        }
    }

    @Test
    void aFlushedLineIsWrittenWhole() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = new RedactingOutputStream(sink, SECRET);
        out.write("{\"type\":\"STATE\"}\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertEquals("{\"type\":\"STATE\"}\n", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLongStreamPassesThroughTheBufferUnchanged() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = new RedactingOutputStream(sink, SECRET);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            String line = "{\"ID\":" + i + ",\"URL\":\"/rest/1/" + (i % 7 == 0 ? SECRET : "x") + "/\"}\n";
            out.write(line.getBytes(StandardCharsets.UTF_8));
            expected.append(line.replace(SECRET, "***"));
        }
        out.flush();
        assertEquals(expected.toString(), sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void masksEveryOccurrenceAmongNearMissesOfTheSecretsOwnBytes() throws Exception {
        // text made of the secret's own bytes, near misses and non-ASCII: where a skipping search
        // could jump over a match, the result must still equal a plain replace
        java.util.Random random = new java.util.Random(42);
        String[] pieces = {SECRET, "s3cretTOKEN4", "TOKEN42", "2", "s", "\u00e9", "\u043f\u0440", "\n", "x"};
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 2_000; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            OutputStream out = new RedactingOutputStream(sink, SECRET);
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.close();
            assertEquals(text.toString().replace(SECRET, "***"), sink.toString(StandardCharsets.UTF_8), "round " + round);
        }
    }
}
