package io.salus.fhir.deid;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.salus.core.error.SalusException;
import io.salus.platform.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a de-identified FHIR Bulk Data package: one {@code <Type>.ndjson} per resource type (one resource a line, in
 * the order added) and a {@code manifest.json} shaped like a Bulk Data {@code $export} manifest, in one zip archive.
 * The archive is deterministic: entries in a fixed order (manifest first, then types by name), every timestamp fixed,
 * so the same patients added in the same order at the same transaction time give the same bytes (with the same JDK
 * deflater). Resources are spooled per type to a temporary directory beside the output, so memory stays flat for
 * packages of any size. Directory stubs shared by several patients are written once. Not thread-safe; close it to
 * remove the spool if {@link #finish} was not reached.
 */
public final class BulkPackageWriter implements AutoCloseable {
    /** Timestamp of every zip entry (local DOS time; no extended-time field is written for it). */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final byte[] NEWLINE = {'\n'};

    private final Path spool;
    private final Map<String, Spooled> types = new TreeMap<>();
    private final Set<String> stubs = new HashSet<>();
    private int patients;
    private boolean finished;

    private record Spooled(Path file, HashingOutputStream out, long[] count) {
    }

    private BulkPackageWriter(Path spool) {
        this.spool = spool;
    }

    /** A writer whose spool lives in {@code workDir} (created if missing). */
    public static BulkPackageWriter open(Path workDir) {
        try {
            Files.createDirectories(workDir);
            return new BulkPackageWriter(Files.createTempDirectory(workDir, "bulk-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spool directory in " + workDir, e);
        }
    }

    /**
     * Writes {@code patients} (sorted by their pseudonymous id, so the caller's order does not matter) to {@code out}.
     */
    public static BulkPackage write(String dealId, Instant transactionTime, List<DeidentifiedPatient> patients,
            Path out) {
        Path dir = out.toAbsolutePath().getParent();
        try (BulkPackageWriter w = open(dir)) {
            patients.stream().sorted(Comparator.comparing(DeidentifiedPatient::patientId)).forEach(w::add);
            return w.finish(dealId, transactionTime, out);
        }
    }

    /** Adds one patient's resources. */
    public void add(DeidentifiedPatient patient) {
        if (finished) {
            throw new IllegalStateException("the package is already finished");
        }
        patients++;
        try {
            for (DeidentifiedResource r : patient.resources()) {
                if (References.DIRECTORY_TYPES.contains(r.resourceType())
                        && !stubs.add(r.resourceType() + "/" + r.id())) {
                    continue;
                }
                Spooled s = types.get(r.resourceType());
                if (s == null) {
                    Path file = spool.resolve(r.resourceType() + ".ndjson");
                    s = new Spooled(file,
                            new HashingOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)),
                            new long[1]);
                    types.put(r.resourceType(), s);
                }
                s.out().write(r.json());
                s.out().write(NEWLINE);
                s.count()[0]++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool the package", e);
        }
    }

    /**
     * Writes the archive to {@code out} (atomically and owner-only, through {@link AtomicFiles}) and returns its
     * hashes.
     */
    public BulkPackage finish(String dealId, Instant transactionTime, Path out) {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(transactionTime, "transactionTime");
        if (finished) {
            throw new IllegalStateException("the package is already finished");
        }
        finished = true;
        try {
            Map<String, String> fileHashes = new TreeMap<>();
            Map<String, Long> counts = new TreeMap<>();
            for (Map.Entry<String, Spooled> e : types.entrySet()) {
                e.getValue().out().close();
                fileHashes.put(e.getKey(), e.getValue().out().sha256().hex().substring(2));
                counts.put(e.getKey(), e.getValue().count()[0]);
            }
            byte[] manifest = manifest(dealId, transactionTime, counts, fileHashes);
            BulkPackage result;
            try (AtomicFiles.Pending file = AtomicFiles.begin(out)) {
                HashingOutputStream hashing = new HashingOutputStream(file.out());
                try (ZipOutputStream zip = new ZipOutputStream(hashing)) {
                    entry(zip, "manifest.json");
                    zip.write(manifest);
                    zip.closeEntry();
                    for (Map.Entry<String, Spooled> e : types.entrySet()) {
                        entry(zip, e.getKey() + ".ndjson");
                        Files.copy(e.getValue().file(), zip);
                        zip.closeEntry();
                    }
                    zip.finish();
                    result = new BulkPackage(out, hashing.count(), hashing.sha256(), hashing.keccak256(), patients,
                            counts);
                }
                file.commit();
            }
            return result;
        } catch (IOException e) {
            throw new SalusException("cannot write the package " + out, e);
        } finally {
            close();
        }
    }

    private static void entry(ZipOutputStream zip, String name) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
    }

    private byte[] manifest(String dealId, Instant transactionTime, Map<String, Long> counts,
            Map<String, String> hashes) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(buf)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("transactionTime", DateTimeFormatter.ISO_INSTANT.format(transactionTime));
            g.writeStringField("request", "urn:salus:deal:" + dealId + ":$export");
            g.writeBooleanField("requiresAccessToken", false);
            g.writeArrayFieldStart("output");
            for (Map.Entry<String, Long> c : counts.entrySet()) {
                g.writeStartObject();
                g.writeStringField("type", c.getKey());
                g.writeStringField("url", c.getKey() + ".ndjson");
                g.writeNumberField("count", c.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("error");
            g.writeEndArray();
            g.writeObjectFieldStart("extension");
            g.writeStringField("dealId", dealId);
            g.writeStringField("deidentification", "salus-deid/1");
            g.writeNumberField("patients", patients);
            g.writeObjectFieldStart("sha256");
            for (Map.Entry<String, String> h : hashes.entrySet()) {
                g.writeStringField(h.getKey() + ".ndjson", h.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        }
        buf.write('\n');
        return buf.toByteArray();
    }

    /** Removes the spool directory. */
    @Override
    public void close() {
        for (Spooled s : types.values()) {
            try {
                s.out().close();
            } catch (IOException e) {
                // the spool is being discarded; nothing more can be done about a failed close
            }
        }
        if (!Files.isDirectory(spool)) {
            return;
        }
        try (Stream<Path> files = Files.list(spool)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the spool " + spool, e);
        }
        types.clear();
    }
}
