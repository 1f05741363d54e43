package io.salus.chain.internal;

import io.salus.chain.TxJournal;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@link TxJournal} in a text file, one raw transaction per line, fsynced on every append. A torn last line (a crash
 * mid-append) is ignored on read. Thread-safe.
 */
public final class FileTxJournal implements TxJournal, AutoCloseable {
    private final Path file;
    private FileChannel channel;

    private FileTxJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    public static FileTxJournal open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return new FileTxJournal(file, openChannel(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the transaction journal " + file, e);
        }
    }

    private static FileChannel openChannel(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public synchronized void append(String rawTxHex) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(("\n" + rawTxHex + "\n").getBytes(StandardCharsets.US_ASCII));
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the transaction journal " + file, e);
        }
    }

    @Override
    public synchronized List<String> entries() {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                String l = line.strip();
                if (l.matches("0x[0-9a-fA-F]+") && l.length() % 2 == 0) {
                    out.add(l);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the transaction journal " + file, e);
        }
    }

    /** Atomically rewrites the journal without the entries {@code drop} accepts. */
    public synchronized void compact(Predicate<String> drop) {
        List<String> keep = entries().stream().filter(drop.negate()).toList();
        try {
            channel.close();
            StringBuilder sb = new StringBuilder();
            keep.forEach(e -> sb.append(e).append('\n'));
            AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.US_ASCII));
            channel = openChannel(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact the transaction journal " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
