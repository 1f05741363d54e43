package io.salus.chain.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads a JSON-RPC response whose {@code result} is one 0x-hex string (anvil_dumpState) from a stream and writes the
 * bytes it encodes to another, a buffer at a time: the response is never held in memory whole. An {@code error}
 * member, a missing or non-string result, odd or non-hex digits fail with {@link IOException}. Other members are
 * skipped. Not thread-safe; one instance per response.
 */
final class HexResult {
    private static final int ERROR_TEXT = 4096;
    private final InputStream in;
    private int peeked = -2;

    private HexResult(InputStream in) {
        this.in = in;
    }

    /** Decodes the result of the response in {@code in} into {@code out}; the number of bytes written. */
    static long copy(InputStream in, OutputStream out) throws IOException {
        return new HexResult(in).read(out);
    }

    private long read(OutputStream out) throws IOException {
        expect('{');
        long written = -1;
        while (true) {
            int c = next();
            if (c == '}') {
                break;
            }
            if (c == ',') {
                continue;
            }
            if (c != '"') {
                throw new IOException("not a JSON-RPC response: '" + (char) c + "' where a member name belongs");
            }
            String name = string(64);
            expect(':');
            if (name.equals("result")) {
                expect('"');
                written = hex(out);
            } else if (name.equals("error")) {
                StringBuilder text = new StringBuilder();
                skipValue(text);
                throw new IOException("the chain answered with an error: " + text);
            } else {
                skipValue(null);
            }
        }
        if (written < 0) {
            throw new IOException("the response has no string result");
        }
        return written;
    }

    private long hex(OutputStream out) throws IOException {
        byte[] buf = new byte[1 << 16];
        int n = 0;
        long total = 0;
        int first = in.read();
        int second = in.read();
        if (first != '0' || (second != 'x' && second != 'X')) {
            throw new IOException("the result is not 0x-hex");
        }
        while (true) {
            int hi = in.read();
            if (hi == '"') {
                break;
            }
            int lo = in.read();
            if (hi < 0 || lo < 0) {
                throw new IOException("the response ended inside the result");
            }
            buf[n++] = (byte) (digit(hi) << 4 | digit(lo));
            if (n == buf.length) {
                out.write(buf, 0, n);
                total += n;
                n = 0;
            }
        }
        out.write(buf, 0, n);
        return total + n;
    }

    private static int digit(int c) throws IOException {
        int d = Character.digit(c, 16);
        if (d < 0) {
            throw new IOException("not a hex digit in the result: '" + (char) c + "'");
        }
        return d;
    }

    /** The rest of a string whose opening quote was read (escapes kept as written), at most {@code max} chars. */
    private String string(int max) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c = in.read(); c != '"'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the response ended inside a string");
            }
            if (c == '\\') {
                c = in.read();
            }
            if (s.length() < max) {
                s.append((char) c);
            }
        }
        return s.toString();
    }

    /** Skips one value (object, array, string, number or literal), keeping its first characters in {@code text}. */
    private void skipValue(StringBuilder text) throws IOException {
        int depth = 0;
        while (true) {
            int c = next();
            if (c < 0) {
                throw new IOException("the response ended inside a value");
            }
            if (c == '"') {
                String s = string(ERROR_TEXT);
                append(text, "\"" + s + "\"");
            } else {
                if ((c == ',' || c == '}' || c == ']') && depth == 0) {
                    peeked = c;
                    return;
                }
                append(text, String.valueOf((char) c));
                depth += c == '{' || c == '[' ? 1 : c == '}' || c == ']' ? -1 : 0;
            }
            if (depth == 0 && peekIsEnd()) {
                return;
            }
        }
    }

    private boolean peekIsEnd() throws IOException {
        int c = next();
        peeked = c;
        return c == ',' || c == '}' || c == ']' || c < 0;
    }

    private static void append(StringBuilder text, String s) {
        if (text != null && text.length() < ERROR_TEXT) {
            text.append(s);
        }
    }

    private void expect(int wanted) throws IOException {
        int c = next();
        if (c != wanted) {
            throw new IOException("not a JSON-RPC response: expected '" + (char) wanted + "', found "
                    + (c < 0 ? "the end" : "'" + (char) c + "'"));
        }
    }

    /** The next character that is not JSON white space, or -1 at the end. */
    private int next() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        int c;
        do {
            c = in.read();
        } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
        return c;
    }
}
