package io.salus.crypto.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import io.salus.core.account.Did;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.credential.HolderKey;
import io.salus.core.credential.UnsignedCredential;
import io.salus.core.credential.VerifiedPresentation;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The credential ports' adapters: what the issuance rules in salus-core rely on, signed and verified end to end. */
class SdJwtCredentialsTest {
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final String URI = "https://node.example/status-lists/issuer-1";
    private static final String AUD = "did:pkh:eip155:31337:0x00000000000000000000000000000000000000aa";
    private static final String HOLDER_DID = "did:pkh:eip155:31337:0x00000000000000000000000000000000000000bb";
    private final byte[] issuerKey = key(9);
    private final EvmAddress issuer = Secp256k1Jwk.address(Secp256k1Jwk.publicJwk(issuerKey));
    private final ECKey holder = Holder.newKey();
    private final Map<String, String> published = new HashMap<>();
    private final SdJwtCredentialSigner signer = new SdJwtCredentialSigner();
    private final SdJwtCredentialVerifier verifier = new SdJwtCredentialVerifier(Duration.ofMinutes(5),
            uri -> Optional.ofNullable(published.get(uri)), (a, t) -> a.equals(issuer));

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        k[31] = (byte) seed;
        k[0] = 0x22;
        return k;
    }

    private String issue(BitSet revoked) {
        HolderKey key = signer.holderKey(holder.toPublicJWK().toJSONObject()).orElseThrow();
        String credential = signer.sign(new UnsignedCredential("cred-9", AttestationType.PHARMA,
                Did.pkh(31337, issuer), HOLDER_DID, key, NOW.minusSeconds(60), NOW.plusSeconds(3600), URI, 5, 77,
                Map.of("consumer_type", "PHARMA", "purposes", List.of("HRESCH"))), issuerKey);
        published.put(URI, signer.signStatusList(revoked, URI, Did.pkh(31337, issuer), NOW, issuerKey));
        return credential;
    }

    @Test
    void aSignedCredential_presentedByItsHolder_verifiesWithItsTypeAndDisclosedClaims() {
        String presentation = Holder.present(issue(new BitSet()), Set.of("consumer_type", "purposes"), holder, AUD,
                "n-9", NOW);

        VerifiedPresentation v = verifier.verify(presentation, AUD, NOW).orElseThrow();

        assertThat(v.type()).isEqualTo(AttestationType.PHARMA);
        assertThat(v.issuer()).isEqualTo(issuer);
        assertThat(v.purposes()).isEqualTo(Purpose.HRESCH.mask());
        assertThat(v.disclosedJson()).contains("\"consumer_type\":\"PHARMA\"");
        assertThat(v.statusIndex()).isEqualTo(5);
        assertThat(v.attestationId()).isEqualTo(77);
        assertThat(v.nonce()).isEqualTo("n-9");
    }

    @Test
    void theSignedStatusList_readsBackItsRevokedBits_onlyForItsUriAndIssuer() {
        BitSet revoked = new BitSet();
        revoked.set(5);
        issue(revoked);
        String token = published.get(URI);

        assertThat(verifier.statusList(token, URI, issuer).orElseThrow().revoked(5)).isTrue();
        assertThat(verifier.statusList(token, URI, issuer).orElseThrow().revoked(4)).isFalse();
        assertThat(verifier.statusList(token, URI + "-other", issuer)).isEmpty();
        assertThat(verifier.statusList(token, URI, Secp256k1Jwk.address(Secp256k1Jwk.publicJwk(key(3)))))
                .isEmpty();
    }

    @Test
    void theHolderKey_mustBeAPublicP256Jwk() {
        Failure privateHalf = signer.holderKey(holder.toJSONObject()).failure();
        Failure notAJwk = signer.holderKey(Map.of("kty", "nonsense")).failure();
        Failure otherCurve = signer.holderKey(Secp256k1Jwk.publicJwk(issuerKey).toJSONObject()).failure();

        assertThat(List.of(privateHalf, notAJwk, otherCurve)).allSatisfy(f -> {
            assertThat(f.code()).isEqualTo(ErrorCode.INVALID_HOLDER_KEY);
            assertThat(f.issues()).extracting(Failure.Issue::location).containsExactly("holderKey");
        });
    }

    @Test
    void everyAttestationType_isIssuedAsACredential_includingPharmacyAndHospitalLicences() {
        assertThat(AttestationType.values()).allSatisfy(t -> assertThat(signer.issues(t)).as(t.name()).isTrue());
    }
}
