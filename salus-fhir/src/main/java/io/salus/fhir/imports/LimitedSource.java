package io.salus.fhir.imports;

import io.salus.core.port.ReadingImportParser.ByteSource;
import java.io.InputStream;

/** An import's bytes as an {@link InputStream} that fails with {@link TooLarge} past {@code max} bytes. */
final class LimitedSource extends InputStream {
    private final ByteSource source;
    private final long max;
    private long read;

    LimitedSource(ByteSource source, long max) {
        this.source = source;
        this.max = max;
    }

    /** Thrown when the file exceeds the node's limit. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** Rethrows the size failure if it is the cause of a parser's exception. */
    static void rethrowIfTooLarge(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TooLarge tooLarge) {
                throw tooLarge;
            }
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        int n = source.read(b, off, len);
        if (n > 0) {
            read += n;
            if (read > max) {
                throw new TooLarge("the file is larger than " + max + " bytes");
            }
        }
        return n;
    }
}
