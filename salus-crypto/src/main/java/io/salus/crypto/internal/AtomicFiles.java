package io.salus.crypto.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Crash-safe file replacement: write a temporary file in the same directory, fsync it, rename it over the target,
 * fsync the directory. Readers see the old or the new content, never a mix. Stateless and thread-safe (concurrent
 * writers of one target: the last rename wins).
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Replaces (or creates) {@code target} with {@code content}, readable by the owner only where POSIX allows. */
    public static void replace(Path target, byte[] content) throws IOException {
        Path temp = writeTemp(target, content);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(target);
    }

    /** Creates {@code target} with {@code content}; fails with {@link FileAlreadyExistsException} if it exists. */
    public static void create(Path target, byte[] content) throws IOException {
        Path temp = writeTemp(target, content);
        try {
            Files.createLink(target, temp);
        } catch (UnsupportedOperationException noLinks) {
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(target);
    }

    private static Path writeTemp(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            restrictToOwner(temp);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            return temp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void syncDirectory(Path target) {
        try (FileChannel dir = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException directoriesCannotBeOpened) {
            // Some platforms cannot open a directory for fsync; the rename itself has still happened.
        }
    }
}
