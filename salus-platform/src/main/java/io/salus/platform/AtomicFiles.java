package io.salus.platform;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one way Salus writes a file that must survive a crash whole: the content goes to a temporary file with a unique
 * name in the target's directory, readable and writable by the owner only from its creation (0600; directories this
 * creates are 0700), is fsynced, renamed over the target atomically, and the directory is fsynced. Readers see the old
 * content or the new, never a mix; a write that fails leaves the target as it was and no temporary file behind. On a
 * file system without POSIX permissions the files get its defaults. Stateless and thread-safe (concurrent writers of
 * one target: the last rename wins).
 */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private AtomicFiles() {
    }

    /** Replaces (or creates) {@code target} with {@code content}. */
    public static void write(Path target, byte[] content) throws IOException {
        try (Pending file = begin(target)) {
            file.out().write(content);
            file.commit();
        }
    }

    /** Creates {@code target} with {@code content}; fails with {@link FileAlreadyExistsException} if it exists. */
    public static void create(Path target, byte[] content) throws IOException {
        try (Pending file = begin(target)) {
            file.out().write(content);
            file.commitNew();
        }
    }

    /**
     * Starts writing {@code target} through a temporary file: write to {@link Pending#out()}, then
     * {@link Pending#commit()} (or {@link Pending#commitNew()}); closing without a commit discards what was written.
     */
    public static Pending begin(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        boolean posix = createDirectories(dir);
        Path temp = posix
                ? Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            return new Pending(absolute, temp, FileChannel.open(temp, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Creates {@code dir} and missing parents as 0700; true when the file system has POSIX permissions. */
    private static boolean createDirectories(Path dir) throws IOException {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        boolean posix = existing != null && Files.getFileStore(existing).supportsFileAttributeView("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY)}
                : new FileAttribute<?>[0];
        Files.createDirectories(dir, attributes);
        return posix;
    }

    /** A write in progress to a temporary file beside its target. Not thread-safe. */
    public static final class Pending implements AutoCloseable {
        private final Path target;
        private final Path temp;
        private final FileChannel channel;
        private final OutputStream out;
        private boolean done;

        private Pending(Path target, Path temp, FileChannel channel) {
            this.target = target;
            this.temp = temp;
            this.channel = channel;
            this.out = new FilterOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush(); // the commit closes the file; wrappers closing their stream do not
                }
            };
        }

        /** Where the content goes; closing it only flushes. */
        public OutputStream out() {
            return out;
        }

        /** Makes the content the target's, replacing a file there. */
        public void commit() throws IOException {
            sync();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
            syncDirectory();
        }

        /** Makes the content the target's if there is no file there; else {@link FileAlreadyExistsException}. */
        public void commitNew() throws IOException {
            sync();
            try {
                Files.createLink(target, temp);
            } catch (UnsupportedOperationException noLinks) {
                if (Files.exists(target)) {
                    throw new FileAlreadyExistsException(target.toString());
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            done = true;
            Files.deleteIfExists(temp);
            syncDirectory();
        }

        private void sync() throws IOException {
            if (done) {
                throw new IllegalStateException(target + " is already committed");
            }
            out.flush();
            channel.force(true);
            channel.close();
        }

        private void syncDirectory() {
            try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException directoriesCannotBeOpened) {
                // Some platforms cannot open a directory for fsync; the rename itself has still happened.
            }
        }

        /** Discards the temporary file unless the content was committed. */
        @Override
        public void close() {
            try {
                channel.close();
                if (!done) {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the temporary file " + temp, e);
            }
        }
    }
}
