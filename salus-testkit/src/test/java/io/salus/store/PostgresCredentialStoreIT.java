package io.salus.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.credential.IssuedCredential;
import io.salus.core.credential.NonceUse;
import io.salus.core.credential.PresentedCredential;
import io.salus.testkit.postgres.WithPostgres;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithPostgres
class PostgresCredentialStoreIT {
    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");
    static Database db;
    static PostgresCredentialStore store;

    @BeforeAll
    static void start(Database database) {
        db = database;
        store = new PostgresCredentialStore(db.jdbi());
    }

    private static EvmAddress address() {
        return new EvmAddress("0x" + UUID.randomUUID().toString().replace("-", "").substring(0, 32) + "00000000");
    }

    private static PresentedCredential presentation(EvmAddress holder, String disclosed) {
        return new PresentedCredential("urn:uuid:" + UUID.randomUUID(), "urn:uuid:c", holder, address(),
                AttestationType.ACADEMIC_RESEARCHER, Purpose.HRESCH.mask(), disclosed, NOW, NOW.plusSeconds(3600),
                "http://node/status-lists/x", 0, 7, NOW);
    }

    @Test
    void statusIndexes_areHandedOutInOrderPerIssuer_andNeverReused() {
        EvmAddress issuer = address();
        IssuedCredential a = store.reserve("a-" + UUID.randomUUID(), issuer, address(),
                AttestationType.PHYSICIAN_LICENCE, NOW, NOW.plusSeconds(60));
        IssuedCredential b = store.reserve("b-" + UUID.randomUUID(), issuer, address(),
                AttestationType.PHYSICIAN_LICENCE, NOW, NOW.plusSeconds(60));
        store.discard(b.id());
        IssuedCredential c = store.reserve("c-" + UUID.randomUUID(), issuer, address(),
                AttestationType.PHYSICIAN_LICENCE, NOW, NOW.plusSeconds(60));
        IssuedCredential other = store.reserve("d-" + UUID.randomUUID(), address(), address(),
                AttestationType.PHYSICIAN_LICENCE, NOW, NOW.plusSeconds(60));
        assertThat(List.of(a.statusIndex(), b.statusIndex(), c.statusIndex())).containsExactly(0, 1, 2);
        assertThat(other.statusIndex()).isZero();
        assertThat(store.credential(b.id())).isEmpty();
    }

    @Test
    void revocation_setsTheIssuersBit_andKeepsTheFirstTime_andLinksTheAttestation() {
        EvmAddress issuer = address();
        EvmAddress subject = address();
        store.reserve("x-" + UUID.randomUUID(), issuer, subject, AttestationType.EMERGENCY_RESPONDER, NOW,
                NOW.plusSeconds(60));
        IssuedCredential c = store.reserve("y-" + UUID.randomUUID(), issuer, subject,
                AttestationType.EMERGENCY_RESPONDER, NOW, NOW.plusSeconds(60));
        store.linkAttestation(c.id(), 99);
        store.markRevoked(c.id(), NOW);
        store.markRevoked(c.id(), NOW.plusSeconds(5));
        assertThat(store.revokedIndexes(issuer).stream().boxed().toList()).containsExactly(1);
        assertThat(store.credential(c.id()).orElseThrow().revokedAt()).contains(NOW);
        assertThat(store.credentialAttestations(subject)).containsExactly(99L);
    }

    @Test
    void aNonce_isUsedOnce_onlyByItsAccount_andNotAfterItExpires() {
        EvmAddress holder = address();
        store.saveNonce("n-" + holder, holder, NOW.plusSeconds(300));
        assertThat(store.recordPresentation("n-" + holder, address(), NOW, presentation(holder, "{}")))
                .isEqualTo(NonceUse.UNKNOWN);
        assertThat(store.recordPresentation("n-" + holder, holder, NOW, presentation(holder, "{\"a\":1}")))
                .isEqualTo(NonceUse.ACCEPTED);
        assertThat(store.recordPresentation("n-" + holder, holder, NOW, presentation(holder, "{}")))
                .isEqualTo(NonceUse.ALREADY_USED);
        store.saveNonce("old-" + holder, holder, NOW);
        assertThat(store.recordPresentation("old-" + holder, holder, NOW, presentation(holder, "{}")))
                .isEqualTo(NonceUse.UNKNOWN);
        assertThat(store.recordPresentation("never", holder, NOW, presentation(holder, "{}")))
                .isEqualTo(NonceUse.UNKNOWN);
        assertThat(store.presentationsBy(holder)).singleElement()
                .satisfies(p -> assertThat(p.disclosedJson()).isEqualTo("{\"a\": 1}"));
    }

    @Test
    void unusedNoncesExpiredLongAgo_arePurgedWhenANewOneIsSaved_andUsedOnesStay() {
        EvmAddress holder = address();
        store.saveNonce("stale-" + holder, holder, NOW.minus(java.time.Duration.ofDays(3)));
        store.saveNonce("used-" + holder, holder, NOW.minus(java.time.Duration.ofDays(3)).plusSeconds(60));
        assertThat(store.recordPresentation("used-" + holder, holder, NOW.minus(java.time.Duration.ofDays(3)),
                presentation(holder, "{}"))).isEqualTo(NonceUse.ACCEPTED);
        store.saveNonce("fresh-" + holder, holder, NOW.plusSeconds(300));
        assertThat(nonces(holder)).containsExactlyInAnyOrder("used-" + holder, "fresh-" + holder);
    }

    private static java.util.List<String> nonces(EvmAddress holder) {
        return db.jdbi().withHandle(h -> h.createQuery(
                "SELECT nonce FROM salus.presentation_nonce WHERE account = :a").bind("a", holder.hex())
                .mapTo(String.class).list());
    }

    @Test
    void concurrentPresentationsWithOneNonce_storeExactlyOne() throws Exception {
        EvmAddress holder = address();
        store.saveNonce("race-" + holder, holder, NOW.plusSeconds(300));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<NonceUse>> tries = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                tries.add(() -> store.recordPresentation("race-" + holder, holder, NOW, presentation(holder, "{}")));
            }
            List<NonceUse> uses = new ArrayList<>();
            for (Future<NonceUse> f : pool.invokeAll(tries)) {
                uses.add(f.get());
            }
            assertThat(uses).filteredOn(u -> u == NonceUse.ACCEPTED).hasSize(1);
            assertThat(uses).filteredOn(u -> u == NonceUse.ALREADY_USED).hasSize(15);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.presentationsBy(holder)).hasSize(1);
    }
}
