package io.salus.fhir.deid;

import static io.salus.fhir.deid.StoredFixtures.DEIDENTIFIER;
import static io.salus.fhir.deid.StoredFixtures.deal;
import static io.salus.fhir.deid.StoredFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.merkle.Hashing;
import io.salus.testkit.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkPackageWriterTest {
    static final Instant AT = Instant.parse("2026-01-15T12:00:00Z");
    static List<DeidentifiedPatient> patients;

    @TempDir
    Path dir;

    @BeforeAll
    static void deidentifyFixtures() {
        patients = Fixtures.syntheaBundles().stream()
                .map(f -> DEIDENTIFIER.deidentify(deal("deal-7", 7), json(f)).orElseThrow()).toList();
    }

    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    @Test
    void samePatientsInAnyOrder_giveTheSameBytesAndHashes() throws IOException {
        List<DeidentifiedPatient> shuffled = new ArrayList<>(patients);
        Collections.shuffle(shuffled, new Random(42));
        BulkPackage a = BulkPackageWriter.write("deal-7", AT, patients, dir.resolve("a.zip"));
        BulkPackage b = BulkPackageWriter.write("deal-7", AT, shuffled, dir.resolve("b.zip"));
        assertThat(Files.mismatch(a.file(), b.file())).isEqualTo(-1L);
        assertThat(a.sha256()).isEqualTo(b.sha256());
        assertThat(a.keccak256()).isEqualTo(b.keccak256());
        byte[] bytes = Files.readAllBytes(a.file());
        assertThat(a.bytes()).isEqualTo(bytes.length);
        assertThat(a.sha256()).isEqualTo(Hashing.sha256(bytes));
        assertThat(a.keccak256()).isEqualTo(Hashing.keccak256(bytes));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no spool left").containsExactlyInAnyOrder(
                    "a.zip", "b.zip");
        }
    }

    @Test
    void anotherTransactionTime_changesTheBytes() throws IOException {
        BulkPackage a = BulkPackageWriter.write("deal-7", AT, patients, dir.resolve("a.zip"));
        BulkPackage b = BulkPackageWriter.write("deal-7", AT.plusSeconds(1), patients, dir.resolve("b.zip"));
        assertThat(a.sha256()).isNotEqualTo(b.sha256());
    }

    @Test
    void package_holdsAManifestThenOneNdjsonPerType_withMatchingCounts() throws IOException {
        BulkPackage p = BulkPackageWriter.write("deal-7", AT, patients, dir.resolve("p.zip"));
        Map<String, byte[]> entries = entries(p.file());
        List<String> names = new ArrayList<>(entries.keySet());
        assertThat(names.get(0)).isEqualTo("manifest.json");
        assertThat(names.subList(1, names.size())).isSorted().contains("Patient.ndjson", "Observation.ndjson",
                "Condition.ndjson", "Practitioner.ndjson", "Organization.ndjson");
        assertThat(p.patients()).isEqualTo(patients.size());
        assertThat(p.counts().get("Patient")).isEqualTo(patients.size());
        String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
        assertThat(manifest).contains("\"transactionTime\" : \"2026-01-15T12:00:00Z\"", "\"dealId\" : \"deal-7\"",
                "\"requiresAccessToken\" : false");
        List<DeidentifiedResource> all = new ArrayList<>();
        for (Map.Entry<String, Long> c : p.counts().entrySet()) {
            String file = c.getKey() + ".ndjson";
            String[] lines = new String(entries.get(file), StandardCharsets.UTF_8).split("\n");
            assertThat((long) lines.length).as(file).isEqualTo(c.getValue());
            assertThat(manifest).contains("\"url\" : \"" + file + "\",\n    \"count\" : " + c.getValue());
            assertThat(manifest)
                    .contains("\"" + file + "\" : \"" + Hashing.sha256(entries.get(file)).hex().substring(2));
            for (String line : lines) {
                var r = DeidentifierTest.parseStrict(line.getBytes(StandardCharsets.UTF_8));
                all.add(new DeidentifiedResource(r.fhirType(), r.getIdElement().getIdPart(),
                        line.getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertThat(all.stream().map(r -> r.resourceType() + "/" + r.id()).distinct()).as("each resource once")
                .hasSize(all.size());
        DeidentifierTest.assertReferencesResolve(all);
    }

    @Test
    void emptyPackage_stillHasAManifest() throws IOException {
        BulkPackage p = BulkPackageWriter.write("deal-0", AT, List.of(), dir.resolve("e.zip"));
        assertThat(entries(p.file()).keySet()).containsExactly("manifest.json");
        assertThat(p.counts()).isEmpty();
    }
}
