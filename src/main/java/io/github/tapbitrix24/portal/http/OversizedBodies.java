package io.github.tapbitrix24.portal.http;

import com.sun.net.httpserver.HttpExchange;
import io.github.tapbitrix24.portal.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Answers no client should read whole: a declared 500 MB body, an endless chunked one and a gzip
 * bomb. Each is well-formed JSON as far as it goes, so only a size cap can stop the reader; the
 * writer stops when the client hangs up.
 */
final class OversizedBodies {
    static final long HUGE = 500L << 20;
    private static final byte[] ROW = "{\"ID\":\"1\",\"TITLE\":\"padding padding padding padding\"},"
            .getBytes(StandardCharsets.UTF_8);
    private static volatile byte[] bomb;

    private OversizedBodies() {
    }

    static boolean handles(Fault fault) {
        return fault == Fault.HUGE_BODY || fault == Fault.ENDLESS_BODY || fault == Fault.GZIP_BOMB;
    }

    static void send(Fault fault, HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (fault == Fault.GZIP_BOMB) {
            byte[] body = bomb();
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
            return;
        }
        ex.sendResponseHeaders(200, fault == Fault.HUGE_BODY ? HUGE : 0); // 0: chunked, no end announced
        byte[] block = rows(64 << 10);
        try (OutputStream os = ex.getResponseBody()) {
            os.write("{\"result\":[".getBytes(StandardCharsets.UTF_8));
            for (long sent = 0; fault == Fault.ENDLESS_BODY || sent + block.length < HUGE; sent += block.length) {
                os.write(block); // throws once the client has hung up
            }
        } catch (IOException clientLeft) {
            // expected: the reader stopped at its cap
        }
    }

    private static byte[] rows(int size) {
        byte[] block = new byte[size - size % ROW.length];
        for (int i = 0; i < block.length; i += ROW.length) {
            System.arraycopy(ROW, 0, block, i, ROW.length);
        }
        return block;
    }

    /** 200 MB of JSON rows, gzipped once per JVM (about 200 KB). */
    private static byte[] bomb() throws IOException {
        byte[] b = bomb;
        if (b == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
            byte[] block = rows(1 << 20);
            try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
                gz.write("{\"result\":[".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 200; i++) {
                    gz.write(block);
                }
                gz.write("{}]}".getBytes(StandardCharsets.UTF_8));
            }
            b = out.toByteArray();
            bomb = b;
        }
        return Arrays.copyOf(b, b.length);
    }
}
