package io.salus.fhir.bulk;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.salus.core.bulk.BulkJob;
import io.salus.core.usecase.consent.RecordRelease;
import io.salus.fhir.server.ServedResources;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.hl7.fhir.r4.model.Resource;

/**
 * Writes Bulk Data output files ({@code <Type>.ndjson}, one resource a line, FHIR Bulk Data Access IG): a patient's
 * own records as the FHIR API serves them ({@link ServedResources}: server ids, rewritten references), or the NDJSON
 * files of a data deal's delivered (de-identified) package. Files are written owner-only. Thread-safe.
 */
public final class NdjsonExport {
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");
    private final FhirContext fhir;
    private final ServedResources served;

    public NdjsonExport() {
        this.fhir = FhirContext.forR4();
        fhir.getParserOptions().setOverrideResourceIdWithBundleEntryFullUrl(false);
        this.served = new ServedResources(fhir);
    }

    /** The released records of the given types (all when empty), grouped into one file per type. */
    public List<BulkJob.BulkFile> writePatient(RecordRelease.Released released, Set<String> types, Path dir) {
        IParser parser = fhir.newJsonParser().setPrettyPrint(false);
        Map<String, List<String>> lines = new TreeMap<>();
        for (ServedResources.Served s : served.serve(released)) {
            Resource r = s.resource();
            if (types.isEmpty() || types.contains(r.fhirType())) {
                lines.computeIfAbsent(r.fhirType(), k -> new ArrayList<>()).add(parser.encodeResourceToString(r));
            }
        }
        List<BulkJob.BulkFile> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : lines.entrySet()) {
            out.add(write(dir, e.getKey(), e.getValue()));
        }
        return out;
    }

    /** The {@code <Type>.ndjson} entries of a delivered package (a zip), those of the given types (all when empty). */
    public static List<BulkJob.BulkFile> writeFromPackage(byte[] zip, Set<String> types, Path dir) {
        List<BulkJob.BulkFile> out = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String name = e.getName();
                if (!name.endsWith(".ndjson")) {
                    continue;
                }
                String type = name.substring(0, name.length() - ".ndjson".length());
                if (!TYPE.matcher(type).matches() || !types.isEmpty() && !types.contains(type)) {
                    continue;
                }
                out.add(copy(in, dir, type));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the delivered package", e);
        }
        return out;
    }

    private static BulkJob.BulkFile write(Path dir, String type, List<String> lines) {
        Path file = dir.resolve(type + ".ndjson");
        try {
            Files.createDirectories(dir);
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (String l : lines) {
                    w.write(l);
                    w.write('\n');
                }
            }
            ownerOnly(file);
            return new BulkJob.BulkFile(type, file.getFileName().toString(), lines.size(), Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static BulkJob.BulkFile copy(InputStream in, Path dir, String type) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(type + ".ndjson");
        Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ownerOnly(file);
        long count;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            count = lines.filter(l -> !l.isBlank()).count();
        }
        return new BulkJob.BulkFile(type, file.getFileName().toString(), count, Files.size(file));
    }

    private static void ownerOnly(Path file) throws IOException {
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
}
