package io.salus.crypto.move;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.core.move.MovePackage;
import io.salus.core.move.MovedAccount;
import io.salus.core.move.MovedRecord;
import io.salus.core.record.Category;
import io.salus.core.record.RecordId;
import io.salus.crypto.federation.Ed25519NodeKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MovePackageSealingTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final EvmAddress A = new EvmAddress("0x" + "a".repeat(40));
    private static final EvmAddress B = new EvmAddress("0x" + "b".repeat(40));

    @Test
    void aBankSealedToAMembersRegisteredKey_opensThereWhole() {
        Ed25519NodeKey b = node(B);
        MovePackage pkg = pkg();

        MovePackage opened = new MovePackageSealing(b, RANDOM).open(new MovePackageSealing(node(A), RANDOM).sealTo(
                b.publicKey(), pkg)).orElseThrow();

        assertThat(opened.count()).isEqualTo(2);
        assertThat(opened.root()).isEqualTo(pkg.root());
        assertThat(opened.account().address()).isEqualTo(pkg.account().address());
        assertThat(opened.account().signingPrivateKey()).isEqualTo(pkg.account().signingPrivateKey());
        assertThat(opened.records().get(0).content()).isEqualTo(pkg.records().get(0).content());
        assertThat(opened.records().get(1).fhirId()).isEqualTo(pkg.records().get(1).fhirId());
        assertThat(opened.records().get(0).proof()).isEqualTo(pkg.records().get(0).proof());
    }

    @Test
    void aBankSealedToOneMember_doesNotOpenAtAnother_norWhenAltered() {
        Ed25519NodeKey b = node(B);
        byte[] sealed = new MovePackageSealing(node(A), RANDOM).sealTo(b.publicKey(), pkg());

        assertThat(new MovePackageSealing(node(A), RANDOM).open(sealed).failure().code())
                .isEqualTo(ErrorCode.MOVE_PACKAGE_INVALID);
        sealed[sealed.length - 20] ^= 1;
        assertThat(new MovePackageSealing(b, RANDOM).open(sealed).failure().code())
                .isEqualTo(ErrorCode.MOVE_PACKAGE_INVALID);
    }

    private static Ed25519NodeKey node(EvmAddress address) {
        return new Ed25519NodeKey(address, Ed25519NodeKey.newSeed(RANDOM));
    }

    private static MovePackage pkg() {
        MovedAccount account = new MovedAccount(AccountId.random(), "Moving patient", new EvmAddress("0x" + "c"
                .repeat(40)), "did:ethr:0xc", bytes(32), bytes(32), Hash32.of(bytes(32)), Instant.parse(
                        "2026-01-01T00:00:00Z"));
        return new MovePackage(A, B, account, List.of(record(Optional.empty()), record(Optional.of("obs-1"))));
    }

    private static MovedRecord record(Optional<String> fhirId) {
        Hash32 leaf = Hash32.of(bytes(32));
        return new MovedRecord(RecordId.random(), UUID.randomUUID(), Category.VITAL_SIGNS, "Observation", fhirId,
                "fhir-bundle", Instant.parse("2026-01-02T00:00:00Z"),
                "{\"resourceType\":\"Observation\"}".getBytes(StandardCharsets.UTF_8), Hash32.of(bytes(32)), leaf,
                List.of(), new MovedRecord.Batch(Hash32.of(bytes(32)), Hash32.of(bytes(32)), 4, Instant.parse(
                        "2026-01-02T00:00:01Z"), "0x" + "e".repeat(64), 12),
                1, List.of(Hash32.of(bytes(32))));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
