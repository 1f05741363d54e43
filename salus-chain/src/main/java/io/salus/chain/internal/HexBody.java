package io.salus.chain.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a file's bytes as lower-case hex digits (no 0x), a buffer at a time. */
final class HexBody {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private HexBody() {
    }

    static void write(Path file, OutputStream out) throws IOException {
        byte[] buf = new byte[1 << 15];
        byte[] hex = new byte[buf.length * 2];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                for (int i = 0; i < n; i++) {
                    hex[2 * i] = DIGITS[(buf[i] >> 4) & 0xf];
                    hex[2 * i + 1] = DIGITS[buf[i] & 0xf];
                }
                out.write(hex, 0, 2 * n);
            }
        }
        out.flush();
    }
}
