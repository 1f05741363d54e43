package io.salus.node.wiring;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One node per data directory: an exclusive OS file lock, released when the process ends (even by SIGKILL). */
public final class DataDirGuard implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirGuard(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DataDirGuard exclusive(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            FileChannel ch = FileChannel.open(dataDir.resolve("node.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                throw new IllegalStateException("another Salus node is using " + dataDir);
            }
            return new DataDirGuard(ch, l);
        } catch (IOException e) {
            throw new IllegalStateException("cannot lock the data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}
