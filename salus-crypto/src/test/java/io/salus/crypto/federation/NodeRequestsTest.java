package io.salus.crypto.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.federation.NodeRequests;
import io.salus.core.federation.NonceStore;
import io.salus.core.federation.SignedHeaders;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * RFC 9421 node requests with real Ed25519 keys: what a receiving node accepts and what it refuses (the directory and
 * the nonces are plain maps here; the PostgreSQL nonce store and the NodeRegistry are exercised by AllianceIT).
 */
class NodeRequestsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant T0 = Instant.parse("2026-12-06T06:00:00Z");
    private static final EvmAddress A = new EvmAddress("0x" + "0a".repeat(20));
    private static final EvmAddress B = new EvmAddress("0x" + "0b".repeat(20));
    private static final byte[] BODY = "{\"audience\":\"b\"}".getBytes(StandardCharsets.UTF_8);
    private final Ed25519NodeKey keyA = new Ed25519NodeKey(A, Ed25519NodeKey.newSeed(RANDOM));
    private final Map<EvmAddress, Member> members = new HashMap<>();
    private final Set<String> nonces = new HashSet<>();

    private NodeRequests at(Instant now, Ed25519NodeKey self) {
        MemberDirectory directory = new MemberDirectory() {
            @Override
            public Optional<Member> member(EvmAddress node) {
                return Optional.ofNullable(members.get(node));
            }

            @Override
            public List<Member> members() {
                return List.copyOf(members.values());
            }

            @Override
            public Optional<EvmAddress> homeOf(EvmAddress account) {
                return Optional.empty();
            }
        };
        NonceStore store = (node, nonce, expires) -> nonces.add(node.hex() + "/" + nonce);
        return new NodeRequests(self, directory, Ed25519NodeKey.verifier(), store, Clock.fixed(now, ZoneOffset.UTC),
                RANDOM, Duration.ofSeconds(60));
    }

    private void admit(Ed25519NodeKey key, boolean active) {
        members.put(key.node(), new Member(key.node(), "Org", "http://x", key.publicKey(), active));
    }

    @Test
    void aRequestSignedByAnActiveMember_isAccepted_once() {
        admit(keyA, true);
        SignedHeaders h = at(T0, keyA).sign("POST", "/federation/counts", BODY);
        NodeRequests receiver = at(T0.plusSeconds(5), new Ed25519NodeKey(B, Ed25519NodeKey.newSeed(RANDOM)));

        assertThat(receiver.verify("POST", "/federation/counts", h, BODY).orElseThrow().node()).isEqualTo(A);
        assertThat(receiver.verify("POST", "/federation/counts", h, BODY).failure().code())
                .isEqualTo(ErrorCode.NODE_REQUEST_REPLAYED);
    }

    @Test
    void aSignatureByAnotherKeyThanTheRegisteredOne_isRefused() {
        admit(keyA, true);
        Ed25519NodeKey forger = new Ed25519NodeKey(A, Ed25519NodeKey.newSeed(RANDOM));
        SignedHeaders h = at(T0, forger).sign("POST", "/federation/counts", BODY);
        assertThat(at(T0, keyA).verify("POST", "/federation/counts", h, BODY).failure().code())
                .isEqualTo(ErrorCode.NODE_SIGNATURE_INVALID);
        assertThat(nonces).as("a forged request burns no nonce").isEmpty();
    }

    @Test
    void anotherMethodOrPath_thanTheSignedOne_isRefused() {
        admit(keyA, true);
        SignedHeaders h = at(T0, keyA).sign("POST", "/federation/counts", BODY);
        assertThat(at(T0, keyA).verify("PUT", "/federation/counts", h, BODY).failure().code())
                .isEqualTo(ErrorCode.NODE_SIGNATURE_INVALID);
        assertThat(at(T0, keyA).verify("POST", "/federation/members", h, BODY).failure().code())
                .isEqualTo(ErrorCode.NODE_SIGNATURE_INVALID);
    }

    @Test
    void aBodyThatIsNotTheSignedOne_isRefusedByItsDigest() {
        admit(keyA, true);
        SignedHeaders h = at(T0, keyA).sign("POST", "/federation/counts", BODY);
        byte[] other = "{\"audience\":\"c\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(at(T0, keyA).verify("POST", "/federation/counts", h, other).failure().code())
                .isEqualTo(ErrorCode.CONTENT_DIGEST_MISMATCH);
        SignedHeaders swapped = new SignedHeaders(SignedHeaders.digestOf(other), h.signatureInput(), h.signature());
        assertThat(at(T0, keyA).verify("POST", "/federation/counts", swapped, other).failure().code())
                .isEqualTo(ErrorCode.NODE_SIGNATURE_INVALID);
    }

    @Test
    void anExpiredRequest_orOneCreatedInTheFuture_isRefused() {
        admit(keyA, true);
        SignedHeaders h = at(T0, keyA).sign("POST", "/federation/counts", BODY);
        assertThat(at(T0.plusSeconds(61), keyA).verify("POST", "/federation/counts", h, BODY).failure().code())
                .isEqualTo(ErrorCode.NODE_REQUEST_EXPIRED);
        assertThat(at(T0.minusSeconds(120), keyA).verify("POST", "/federation/counts", h, BODY).failure().code())
                .isEqualTo(ErrorCode.NODE_REQUEST_EXPIRED);
    }

    @Test
    void aRequestFromANodeNeverAdmitted_orRemoved_isRefused() {
        SignedHeaders h = at(T0, keyA).sign("POST", "/federation/counts", BODY);
        assertThat(at(T0, keyA).verify("POST", "/federation/counts", h, BODY).failure().code())
                .isEqualTo(ErrorCode.NODE_UNKNOWN);
        admit(keyA, false);
        assertThat(at(T0, keyA).verify("POST", "/federation/counts", h, BODY).failure().code())
                .isEqualTo(ErrorCode.NODE_REMOVED);
    }

    @Test
    void missingOrMalformedSignatureHeaders_areRefused() {
        admit(keyA, true);
        SignedHeaders h = at(T0, keyA).sign("POST", "/federation/counts", BODY);
        for (SignedHeaders bad : List.of(new SignedHeaders(h.contentDigest(), null, h.signature()),
                new SignedHeaders(h.contentDigest(), h.signatureInput(), null),
                new SignedHeaders(h.contentDigest(), h.signatureInput(), "sig1=:not base64!:"),
                new SignedHeaders(h.contentDigest(), h.signatureInput(), "sig1=:AAAA:"))) {
            assertThat(at(T0, keyA).verify("POST", "/federation/counts", bad, BODY).failure().code())
                    .isEqualTo(ErrorCode.NODE_SIGNATURE_INVALID);
        }
    }
}
