package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.node.wiring.Node;
import io.salus.testkit.Bundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarts keep data, keys and chain state; a lost or torn chain state is rebuilt from snapshots and the journal. */
class RestartIT {
    @TempDir
    Path dir;

    @Test
    void aRestartKeepsRecordsKeysTokensAndChainState() throws Exception {
        Api.Acct patient;
        List<Map<String, Object>> before;
        try (Node node = TestNodes.start(dir)) {
            Api api = new Api(node);
            patient = api.open("PATIENT", "Restarting patient");
            api.deposit(patient, patient, Bundles.patientWithObservations("restart", 4), null).then().statusCode(201);
            before = api.awaitAnchored(patient, 5, Duration.ofSeconds(60));
        }
        try (Node node = TestNodes.start(dir)) {
            Api api = new Api(node);
            assertThat(api.records(patient)).hasSameSizeAs(before);
            for (Map<String, Object> r : before) {
                api.get(patient, "/records/" + r.get("id")).then().statusCode(200);
                api.get(patient, "/records/" + r.get("id") + "/verification").then().statusCode(200)
                        .body("verified", is(true));
            }
            assertThat(node.ledger().registeredKind(new EvmAddress(patient.address())))
                    .contains(AccountKind.PATIENT);
        }
    }

    @Test
    void aTruncatedNewestChainSnapshotIsSurvivedWithEveryAnchorAndAccountIntact() throws Exception {
        List<Map<String, Object>> before = depositAndStop("torn");
        {
            Path newest = newestSnapshot();
            byte[] b = Files.readAllBytes(newest);
            Files.write(newest, java.util.Arrays.copyOf(b, b.length / 2));
        }
        verifyAfterRestart(before);
    }

    @Test
    void aDeletedNewestChainSnapshotIsRebuiltFromAnOlderOneAndTheJournal() throws Exception {
        List<Map<String, Object>> before = depositAndStop("lost");
        Files.delete(newestSnapshot());
        verifyAfterRestart(before);
    }

    private Api.Acct patient;

    private Path newestSnapshot() throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir.resolve("chain/snapshots"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("state-"))
                    .max(java.util.Comparator.comparing(RestartIT::modified)).orElseThrow();
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Map<String, Object>> depositAndStop(String tag) throws Exception {
        try (Node node = TestNodes.start(dir)) {
            Api api = new Api(node);
            patient = api.open("PATIENT", "Chain recovery " + tag);
            api.deposit(patient, patient, Bundles.patientWithObservations(tag, 6), null).then().statusCode(201);
            return api.awaitAnchored(patient, 7, Duration.ofSeconds(60));
        }
    }

    private void verifyAfterRestart(List<Map<String, Object>> before) throws Exception {
        try (Node node = TestNodes.start(dir)) {
            Api api = new Api(node);
            for (Map<String, Object> r : before) {
                api.get(patient, "/records/" + r.get("id") + "/verification").then().statusCode(200)
                        .body("verified", is(true));
            }
            assertThat(node.ledger().registeredKind(new EvmAddress(patient.address())))
                    .contains(AccountKind.PATIENT);
            Api.Acct later = api.open("PATIENT", "After recovery");
            api.deposit(later, later, Bundles.patientWithObservations("after", 1), null).then().statusCode(201);
            api.awaitAnchored(later, 2, Duration.ofSeconds(60));
        }
    }
}
