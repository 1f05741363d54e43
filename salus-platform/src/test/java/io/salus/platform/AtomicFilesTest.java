package io.salus.platform;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Nested
    class Write {
        @Test
        void newFile_isOwnerOnly_withTheContent() throws IOException {
            Path f = dir.resolve("token");

            AtomicFiles.write(f, "secret".getBytes(UTF_8));

            assertThat(Files.readString(f)).isEqualTo("secret");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
            assertThat(names()).containsExactly("token");
        }

        @Test
        void replacingAWorldReadableFile_leavesItOwnerOnly() throws IOException {
            Path f = dir.resolve("snapshot");
            Files.writeString(f, "old");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));

            AtomicFiles.write(f, "new".getBytes(UTF_8));

            assertThat(Files.readString(f)).isEqualTo("new");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        }

        @Test
        void missingDirectories_areCreatedOwnerOnly() throws IOException {
            Path f = dir.resolve("deals").resolve("0xabc").resolve("deal.json");

            AtomicFiles.write(f, "{}".getBytes(UTF_8));

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("deals"))))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())))
                    .isEqualTo("rwx------");
            assertThat(Files.readString(f)).isEqualTo("{}");
        }

        @Test
        void anExistingDirectory_keepsItsPermissions() throws IOException {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

            AtomicFiles.write(dir.resolve("f"), new byte[]{1});

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwxr-xr-x");
        }
    }

    @Nested
    class Failure {
        @Test
        void aWriteThatFailsMidway_leavesTheOldContent_andNoTemporaryFile() throws IOException {
            Path f = dir.resolve("kek.json");
            AtomicFiles.write(f, "old".getBytes(UTF_8));

            assertThatThrownBy(() -> {
                try (AtomicFiles.Pending p = AtomicFiles.begin(f)) {
                    p.out().write("half of the new con".getBytes(UTF_8));
                    throw new IOException("disk full");
                }
            }).hasMessage("disk full");

            assertThat(Files.readString(f)).isEqualTo("old");
            assertThat(names()).containsExactly("kek.json");
        }

        @Test
        void whileAWriteIsUnderWay_theTargetStillHoldsTheOldContent() throws IOException {
            Path f = dir.resolve("state.json.gz");
            AtomicFiles.write(f, "old".getBytes(UTF_8));

            try (AtomicFiles.Pending p = AtomicFiles.begin(f)) {
                p.out().write("new".getBytes(UTF_8));
                p.out().flush();
                assertThat(Files.readString(f)).isEqualTo("old");
                p.commit();
            }

            assertThat(Files.readString(f)).isEqualTo("new");
            assertThat(names()).containsExactly("state.json.gz");
        }

        @Test
        void create_refusesAnExistingFile_andLeavesIt() throws IOException {
            Path f = dir.resolve("kek.json");
            AtomicFiles.create(f, "first".getBytes(UTF_8));

            assertThatThrownBy(() -> AtomicFiles.create(f, "second".getBytes(UTF_8)))
                    .isInstanceOf(FileAlreadyExistsException.class);

            assertThat(Files.readString(f)).isEqualTo("first");
            assertThat(names()).containsExactly("kek.json");
        }

        @Test
        void aCommittedWrite_cannotBeCommittedAgain() throws IOException {
            try (AtomicFiles.Pending p = AtomicFiles.begin(dir.resolve("f"))) {
                p.commit();
                assertThatThrownBy(p::commit).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @Nested
    class Streaming {
        @Test
        void twoWritesUnderWay_useTheirOwnTemporaryFiles_andTheLastCommitWins() throws IOException {
            Path f = dir.resolve("package.salus");
            try (AtomicFiles.Pending a = AtomicFiles.begin(f); AtomicFiles.Pending b = AtomicFiles.begin(f)) {
                a.out().write('a');
                b.out().write('b');
                assertThat(names()).hasSize(2).allMatch(n -> n.startsWith(".package.salus.") && n.endsWith(".tmp"));
                a.commit();
                b.commit();
            }

            assertThat(Files.readString(f)).isEqualTo("b");
            assertThat(names()).containsExactly("package.salus");
        }

        @Test
        void aWrapperThatClosesItsStream_doesNotEndTheWrite() throws IOException {
            Path f = dir.resolve("bulk.zip");
            try (AtomicFiles.Pending p = AtomicFiles.begin(f)) {
                try (ZipOutputStream zip = new ZipOutputStream(p.out())) {
                    zip.putNextEntry(new ZipEntry("manifest.json"));
                    zip.write("{}".getBytes(UTF_8));
                    zip.closeEntry();
                }
                p.out().write(new byte[0]);
                p.commit();
            }

            assertThat(Files.size(f)).isPositive();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        }

        @Test
        void largeContent_arrivesWhole() throws IOException {
            byte[] big = new byte[3 << 20];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 31);
            }
            Path f = dir.resolve("big");
            try (AtomicFiles.Pending p = AtomicFiles.begin(f)) {
                OutputStream out = p.out();
                for (int i = 0; i < big.length; i += 1000) {
                    out.write(big, i, Math.min(1000, big.length - i));
                }
                p.commit();
            }

            assertThat(Files.readAllBytes(f)).isEqualTo(big);
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
