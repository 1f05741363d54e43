package io.salus.chain.consent;

import static io.salus.chain.consent.ConsentFixture.address;
import static io.salus.chain.consent.ConsentFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.consent.internal.ConsentCalls;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.ConsentEvent;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.port.ConsentLedger.AttestationReceipt;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuerRegistryIT {
    @TempDir
    static Path dir;
    static ConsentFixture f;

    @BeforeAll
    static void start() {
        f = ConsentFixture.start(dir.resolve("chain"));
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    static EvmAddress issuers() {
        return f.contracts().consent().orElseThrow().issuerRegistry();
    }

    static Payloads.Attest researcher(EvmAddress subject) {
        return new Payloads.Attest(subject, AttestationType.ACADEMIC_RESEARCHER,
                Purpose.maskOf(Set.of(Purpose.HRESCH, Purpose.CLINTRCH)), Instant.ofEpochSecond(1_700_000_000L),
                Instant.ofEpochSecond(1_900_000_000L));
    }

    @Test
    void untrustedIssuer_isRefused_beforeAndOnChain() {
        byte[] issuerKey = key("untrusted issuer");
        Signed<Payloads.Attest> s = f.sign(researcher(address(key("some researcher"))), issuerKey);

        assertThat(f.consent().attest(s).failure().code()).isEqualTo(ErrorCode.UNTRUSTED_ISSUER);
        assertThat(f.revertOf(issuers(), ConsentCalls.attest(s))).contains("UntrustedIssuer");
    }

    @Test
    void issuerTrustedForAnotherType_isRefused() {
        byte[] issuerKey = key("pharma-only issuer");
        f.consent().trustIssuer(address(issuerKey), AttestationType.PHARMA.mask()).orElseThrow();
        Signed<Payloads.Attest> s = f.sign(researcher(address(key("researcher b"))), issuerKey);

        assertThat(f.consent().attest(s).failure().code()).isEqualTo(ErrorCode.UNTRUSTED_ISSUER);
        assertThat(f.revertOf(issuers(), ConsentCalls.attest(s))).contains("UntrustedIssuer");
    }

    @Test
    void trustedIssuer_attests_andTheEventsDecodeWithEveryField() {
        byte[] issuerKey = key("university issuer");
        EvmAddress subject = address(key("researcher a"));
        int types = AttestationType.maskOf(Set.of(AttestationType.ACADEMIC_RESEARCHER, AttestationType.PHARMA));
        TxRef trusted = f.consent().trustIssuer(address(issuerKey), types).orElseThrow();

        AttestationReceipt r = f.consent().attest(f.sign(researcher(subject), issuerKey)).orElseThrow();

        List<ConsentEvent> events = f.consent().events(trusted.blockNumber(), r.tx().blockNumber());
        assertThat(events).first().isEqualTo(new ConsentEvent.IssuerTrusted(address(issuerKey), types,
                trusted.blockNumber(), 0));
        Attestation a = ((ConsentEvent.AttestationRecorded) events.get(events.size() - 1)).attestation();
        assertThat(a).isEqualTo(new Attestation(r.attestationId(), address(issuerKey), subject,
                AttestationType.ACADEMIC_RESEARCHER, Purpose.maskOf(Set.of(Purpose.HRESCH, Purpose.CLINTRCH)),
                Instant.ofEpochSecond(1_700_000_000L), Instant.ofEpochSecond(1_900_000_000L), r.tx().blockNumber(),
                Optional.empty()));
    }

    @Test
    void attestationRevoke_byAnotherAddress_isRefused_byItsIssuer_isRecorded() {
        byte[] issuerKey = key("revoking issuer");
        byte[] otherKey = key("other issuer");
        f.consent().trustIssuer(address(issuerKey), AttestationType.ACADEMIC_RESEARCHER.mask()).orElseThrow();
        f.consent().trustIssuer(address(otherKey), AttestationType.ACADEMIC_RESEARCHER.mask()).orElseThrow();
        long id = f.consent().attest(f.sign(researcher(address(key("researcher c"))), issuerKey)).orElseThrow()
                .attestationId();

        Signed<Payloads.RevokeAttestation> byOther = f.sign(new Payloads.RevokeAttestation(id), otherKey);
        assertThat(f.consent().revokeAttestation(byOther).failure().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(f.revertOf(issuers(), ConsentCalls.revokeAttestation(byOther))).contains("WrongSigner");

        TxRef tx = f.consent().revokeAttestation(f.sign(new Payloads.RevokeAttestation(id), issuerKey))
                .orElseThrow();
        assertThat(f.consent().events(tx.blockNumber(), tx.blockNumber()))
                .containsExactly(new ConsentEvent.AttestationRevoked(id, tx.blockNumber(), 0));
        assertThat(f.consent().revokeAttestation(f.sign(new Payloads.RevokeAttestation(id), issuerKey)).failure()
                .code()).isEqualTo(ErrorCode.ATTESTATION_REVOKED);
    }

    @Test
    void distrust_stopsNewAttestations() {
        byte[] issuerKey = key("distrusted issuer");
        f.consent().trustIssuer(address(issuerKey), AttestationType.ACADEMIC_RESEARCHER.mask()).orElseThrow();
        f.consent().attest(f.sign(researcher(address(key("researcher d"))), issuerKey)).orElseThrow();

        f.consent().trustIssuer(address(issuerKey), 0).orElseThrow();

        assertThat(f.consent().attest(f.sign(researcher(address(key("researcher e"))), issuerKey)).failure().code())
                .isEqualTo(ErrorCode.UNTRUSTED_ISSUER);
    }
}
