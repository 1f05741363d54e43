package io.salus.crypto.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import io.salus.core.account.Did;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.credential.VerifiedPresentation;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PresentationVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");
    private static final String AUD = "did:pkh:eip155:31337:0x00000000000000000000000000000000000000aa";
    private static final String URI = "http://node/status-lists/issuer";
    private final byte[] issuerKey = key(7);
    private final EvmAddress issuer = Secp256k1Jwk.address(Secp256k1Jwk.publicJwk(issuerKey));
    private final ECKey holder = Holder.newKey();
    private final BitSet revoked = new BitSet();
    private final Map<String, String> lists = new HashMap<>();
    private boolean trusted = true;
    private final PresentationVerifier verifier = new PresentationVerifier(Duration.ofMinutes(5),
            uri -> Optional.ofNullable(lists.get(uri)), (a, t) -> trusted && a.equals(issuer));

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        k[31] = (byte) seed;
        k[0] = 0x11;
        return k;
    }

    private String credential(Instant expires) {
        Map<String, Object> sd = new LinkedHashMap<>();
        sd.put("consumer_type", "ACADEMIC_RESEARCHER");
        sd.put("purposes", List.of("HRESCH", "CLINTRCH"));
        sd.put("ethics_approval", Map.of("committee", "Ethics Board", "purpose", "HRESCH", "valid_until",
                "2027-06-30"));
        sd.put("organisation", "Demo University Lab");
        sd.put("name", "Dr. Ada Lovelace");
        String c = CredentialIssuer.issue(new CredentialDraft("cred-1", CredentialKind.CONSUMER_TYPE,
                Did.pkh(31337, issuer), "did:pkh:eip155:31337:0x00000000000000000000000000000000000000bb",
                holder.toPublicJWK(), NOW.minusSeconds(3600), expires, URI, 3, 42, sd), issuerKey);
        publishStatus();
        return c;
    }

    private void publishStatus() {
        lists.put(URI, StatusListToken.sign(StatusList.of(revoked), URI, Did.pkh(31337, issuer), NOW, issuerKey));
    }

    private String present(String credential, Set<String> disclose) {
        return Holder.present(credential, disclose, holder, AUD, "n-1", NOW);
    }

    private Result<VerifiedPresentation> verify(String presentation) {
        return verifier.verify(presentation, AUD, NOW);
    }

    private static ErrorCode code(Result<?> r) {
        return r.failure().code();
    }

    @Test
    void validPresentation_provesTypeAndDisclosedPurposesOnly() {
        VerifiedPresentation v = verify(present(credential(NOW.plusSeconds(3600)),
                Set.of("consumer_type", "purposes"))).orElseThrow();
        assertThat(v.type()).isEqualTo(AttestationType.ACADEMIC_RESEARCHER);
        assertThat(v.issuer()).isEqualTo(issuer);
        assertThat(Purpose.fromMask(v.purposes())).containsExactlyInAnyOrder(Purpose.HRESCH, Purpose.CLINTRCH);
        assertThat(v.disclosed()).containsOnlyKeys("consumer_type", "purposes");
        assertThat(v.attestationId()).isEqualTo(42);
        assertThat(v.nonce()).isEqualTo("n-1");
    }

    @Test
    void undisclosedClaims_areNotInThePresentationAtAll() {
        String p = present(credential(NOW.plusSeconds(3600)), Set.of("consumer_type", "purposes"));
        StringBuilder decoded = new StringBuilder();
        for (String part : p.split("~")) {
            for (String seg : part.split("\\.")) {
                try {
                    decoded.append(new String(Base64.getUrlDecoder().decode(seg), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    decoded.append(seg);
                }
            }
        }
        assertThat(decoded.toString()).contains("ACADEMIC_RESEARCHER").doesNotContain("Lovelace")
                .doesNotContain("Demo University Lab").doesNotContain("Ethics Board");
    }

    @Test
    void modifiedDisclosure_isTampered() {
        String p = present(credential(NOW.plusSeconds(3600)), Set.of("consumer_type", "purposes"));
        String[] parts = p.split("~", -1);
        parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "[\"c2FsdA\",\"consumer_type\",\"PHARMA\"]".getBytes(StandardCharsets.UTF_8));
        assertThat(code(verify(String.join("~", parts)))).isEqualTo(ErrorCode.CREDENTIAL_TAMPERED);
    }

    @Test
    void modifiedPayload_isTampered() {
        String p = present(credential(NOW.plusSeconds(3600)), Set.of("consumer_type", "purposes"));
        String[] jws = p.substring(0, p.indexOf('~')).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(jws[1]), StandardCharsets.UTF_8)
                .replace("\"attestation_id\":42", "\"attestation_id\":43");
        String forged = jws[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + jws[2] + p.substring(p.indexOf('~'));
        assertThat(code(verify(forged))).isEqualTo(ErrorCode.CREDENTIAL_TAMPERED);
    }

    @Test
    void credentialSignedByAnotherKeyThanItsIssuerDid_isTampered() {
        String c = credential(NOW.plusSeconds(3600));
        Map<String, Object> sd = Map.of("consumer_type", "ACADEMIC_RESEARCHER", "purposes", List.of("HRESCH"));
        String forged = CredentialIssuer.issue(new CredentialDraft("cred-2", CredentialKind.CONSUMER_TYPE,
                Did.pkh(31337, issuer), "did:x", holder.toPublicJWK(), NOW, NOW.plusSeconds(60), URI, 1, 1, sd),
                key(9));
        assertThat(c).isNotEqualTo(forged);
        assertThat(code(verify(present(forged, Set.of("consumer_type", "purposes")))))
                .isEqualTo(ErrorCode.CREDENTIAL_TAMPERED);
    }

    @Test
    void expiredCredential_isRefusedAsExpired() {
        assertThat(code(verify(present(credential(NOW.minusSeconds(1)), Set.of("consumer_type", "purposes")))))
                .isEqualTo(ErrorCode.CREDENTIAL_EXPIRED);
    }

    @Test
    void credentialValidOnlyLater_isRefusedAsNotYetValid() {
        Map<String, Object> sd = Map.of("consumer_type", "ACADEMIC_RESEARCHER", "purposes", List.of("HRESCH"));
        String later = CredentialIssuer.issue(new CredentialDraft("cred-3", CredentialKind.CONSUMER_TYPE,
                Did.pkh(31337, issuer), "did:x", holder.toPublicJWK(), NOW.plusSeconds(3600), NOW.plusSeconds(7200),
                URI, 2, 1, sd), issuerKey);
        publishStatus();
        assertThat(code(verify(present(later, Set.of("consumer_type", "purposes")))))
                .isEqualTo(ErrorCode.CREDENTIAL_NOT_YET_VALID);
    }

    @Test
    void unknownConsumerType_isUnsupported() {
        Map<String, Object> sd = Map.of("consumer_type", "ASTROLOGER", "purposes", List.of("HRESCH"));
        String odd = CredentialIssuer.issue(new CredentialDraft("cred-4", CredentialKind.CONSUMER_TYPE,
                Did.pkh(31337, issuer), "did:x", holder.toPublicJWK(), NOW, NOW.plusSeconds(60), URI, 2, 1, sd),
                issuerKey);
        publishStatus();
        assertThat(code(verify(present(odd, Set.of("consumer_type", "purposes")))))
                .isEqualTo(ErrorCode.UNSUPPORTED_CREDENTIAL_TYPE);
    }

    @Test
    void revokedCredential_isRefusedAsRevoked() {
        String c = credential(NOW.plusSeconds(3600));
        revoked.set(3);
        publishStatus();
        assertThat(code(verify(present(c, Set.of("consumer_type", "purposes")))))
                .isEqualTo(ErrorCode.CREDENTIAL_REVOKED);
    }

    @Test
    void statusListSignedByAnotherKey_isUnavailableNotAccepted() {
        String c = credential(NOW.plusSeconds(3600));
        lists.put(URI, StatusListToken.sign(StatusList.of(new BitSet()), URI, Did.pkh(31337, issuer), NOW, key(9)));
        assertThat(code(verify(present(c, Set.of("consumer_type", "purposes")))))
                .isEqualTo(ErrorCode.STATUS_LIST_UNAVAILABLE);
    }

    @Test
    void untrustedIssuer_isRefused() {
        String c = credential(NOW.plusSeconds(3600));
        trusted = false;
        assertThat(code(verify(present(c, Set.of("consumer_type", "purposes")))))
                .isEqualTo(ErrorCode.UNTRUSTED_CREDENTIAL_ISSUER);
    }

    @Test
    void missingKeyBinding_isRefused() {
        String c = credential(NOW.plusSeconds(3600));
        assertThat(code(verify(c))).isEqualTo(ErrorCode.KEY_BINDING_MISSING);
    }

    @Test
    void keyBindingByAnotherKey_isInvalid() {
        String c = credential(NOW.plusSeconds(3600));
        String p = Holder.present(c, Set.of("consumer_type", "purposes"), Holder.newKey(), AUD, "n-1", NOW);
        assertThat(code(verify(p))).isEqualTo(ErrorCode.KEY_BINDING_INVALID);
    }

    @Test
    void disclosureAddedAfterKeyBinding_breaksTheSdHash() {
        String c = credential(NOW.plusSeconds(3600));
        String p = present(c, Set.of("consumer_type", "purposes"));
        String nameDisclosure = c.split("~")[5];
        int lastTilde = p.lastIndexOf('~');
        String extended = p.substring(0, lastTilde + 1) + nameDisclosure + "~" + p.substring(lastTilde + 1);
        assertThat(code(verify(extended))).isEqualTo(ErrorCode.KEY_BINDING_INVALID);
    }

    @Test
    void presentationForAnotherVerifier_isWrongAudience() {
        String c = credential(NOW.plusSeconds(3600));
        String p = Holder.present(c, Set.of("consumer_type", "purposes"), holder, "did:web:elsewhere", "n-1", NOW);
        assertThat(code(verify(p))).isEqualTo(ErrorCode.WRONG_AUDIENCE);
    }

    @Test
    void oldKeyBinding_isStale() {
        String c = credential(NOW.plusSeconds(3600));
        String p = Holder.present(c, Set.of("consumer_type", "purposes"), holder, AUD, "n-1",
                NOW.minus(Duration.ofMinutes(10)));
        assertThat(code(verify(p))).isEqualTo(ErrorCode.KEY_BINDING_STALE);
    }

    @Test
    void purposesNotDisclosed_isMissingDisclosure() {
        String c = credential(NOW.plusSeconds(3600));
        assertThat(code(verify(present(c, Set.of("consumer_type"))))).isEqualTo(ErrorCode.MISSING_DISCLOSURE);
        assertThat(code(verify(present(c, Set.of("purposes"))))).isEqualTo(ErrorCode.MISSING_DISCLOSURE);
    }

    @Test
    void garbage_isMalformed() {
        assertThat(code(verify("not a presentation"))).isEqualTo(ErrorCode.CREDENTIAL_MALFORMED);
    }

    @Test
    void statusList_roundTripsThroughZlibAndBase64url() {
        BitSet bits = new BitSet();
        bits.set(0);
        bits.set(9);
        bits.set(20_000);
        StatusList decoded = StatusList.decode(StatusList.of(bits).encoded());
        assertThat(decoded.revoked(0)).isTrue();
        assertThat(decoded.revoked(1)).isFalse();
        assertThat(decoded.revoked(9)).isTrue();
        assertThat(decoded.revoked(20_000)).isTrue();
        assertThat(decoded.bytes()[1]).isEqualTo((byte) 0b10);
    }
}
