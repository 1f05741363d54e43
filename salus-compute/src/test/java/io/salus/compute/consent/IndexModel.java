package io.salus.compute.consent;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AccessRequest;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.ConsentPolicy;
import io.salus.core.consent.Grant;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference the index is checked against: the grants as the chain would hold them, and "some standing grant of
 * the patient permits", decided by {@link ConsentPolicy} itself for a consumer attested with exactly the queried types.
 */
final class IndexModel {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final EvmAddress CONSUMER = address(900);
    static final EvmAddress OTHER_CONSUMER = address(901);
    static final EvmAddress ISSUER = address(902);

    private final ConsentPolicy policy = new ConsentPolicy();
    private final Map<Long, Grant> grants = new LinkedHashMap<>();

    static EvmAddress address(int n) {
        return new EvmAddress(String.format("0x%040x", n));
    }

    static EvmAddress patient(int n) {
        return address(n + 1);
    }

    static Grant grant(long id, EvmAddress patient, long categories, int types, int purposes, Instant from,
            Instant until, Optional<EvmAddress> named, Optional<Long> revokedAt) {
        return new Grant(id, new GrantTerms(patient, categories, types, purposes, from, until, 0, named), patient, 1,
                revokedAt);
    }

    void put(Grant g) {
        grants.put(g.id(), g);
    }

    void revoke(long id, long block) {
        Grant g = grants.get(id);
        long at = Math.min(block, g.revokedAtBlock().orElse(Long.MAX_VALUE));
        grants.put(id, new Grant(g.id(), g.terms(), g.signer(), g.grantedAtBlock(), Optional.of(at)));
    }

    List<Long> ids() {
        return new ArrayList<>(grants.keySet());
    }

    boolean permits(EvmAddress patient, Category category, int typesMask, Purpose purpose, Instant at, long block) {
        List<Grant> standing = grants.values().stream()
                .filter(g -> g.terms().patient().equals(patient) && g.terms().namedConsumer().isEmpty()).toList();
        List<Attestation> attestations = AttestationType.fromMask(typesMask).stream()
                .map(t -> new Attestation(1, ISSUER, CONSUMER, t, purpose.mask(), Instant.EPOCH,
                        Instant.parse("2200-01-01T00:00:00Z"), 0, Optional.empty()))
                .toList();
        return policy.decide(new AccessRequest(CONSUMER, patient, category, purpose, at, block), standing,
                attestations, Optional.empty()).permitted();
    }
}
