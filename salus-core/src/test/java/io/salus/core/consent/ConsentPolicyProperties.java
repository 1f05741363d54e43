package io.salus.core.consent;

import static io.salus.core.consent.ConsentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.IntRange;

class ConsentPolicyProperties {
    private static final Category[] CATEGORIES = {Category.CONDITIONS, Category.LAB_RESULTS, Category.IMAGING};
    private static final Purpose[] PURPOSES = {Purpose.HRESCH, Purpose.CLINTRCH, Purpose.PUBHLTH};
    private static final AttestationType[] TYPES = {AttestationType.ACADEMIC_RESEARCHER, AttestationType.PHARMA,
            AttestationType.PUBLIC_HEALTH};

    private final ConsentPolicy policy = new ConsentPolicy();

    record Scenario(AccessRequest request, List<Grant> grants, List<Attestation> attestations) {
        Decision decide(ConsentPolicy policy) {
            return policy.decide(request, grants, attestations, Optional.empty());
        }
    }

    static Instant second(int s) {
        return T0.plusSeconds(s);
    }

    static <T> Arbitrary<Integer> maskOf(T[] values, java.util.function.ToIntFunction<T> bit) {
        return Arbitraries.of(values).set().ofMinSize(1).ofMaxSize(values.length).map(s -> {
            int m = 0;
            for (T v : s) {
                m |= bit.applyAsInt(v);
            }
            return m;
        });
    }

    static Arbitrary<Integer> uniform(int min, int max) {
        return Arbitraries.integers().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    static Arbitrary<Optional<Long>> revocation() {
        return Arbitraries.longs().between(0, 20).optional(0.15);
    }

    static Arbitrary<Grant> grants() {
        Arbitrary<Integer> cats = maskOf(CATEGORIES, c -> (int) c.mask());
        Arbitrary<Integer> types = maskOf(TYPES, AttestationType::mask);
        Arbitrary<Integer> purposes = maskOf(PURPOSES, Purpose::mask);
        Arbitrary<Integer> from = uniform(0, 60);
        Arbitrary<Integer> length = uniform(1, 120);
        Arbitrary<Optional<EvmAddress>> named = Arbitraries.of(RESEARCHER, OTHER_CONSUMER).optional(0.25);
        return Combinators.combine(Arbitraries.longs().between(1, 50), cats, types, purposes, from, length, named,
                revocation()).as(
                        (id, c, t, p, f, l, n, r) -> new Grant(id,
                                new GrantTerms(PATIENT, c, t, p, second(f), second(f + l), 0, n), PATIENT, 1, r));
    }

    static Arbitrary<Attestation> attestations() {
        Arbitrary<Integer> from = uniform(0, 40);
        Arbitrary<Integer> length = uniform(1, 200);
        return Combinators.combine(Arbitraries.of(TYPES), maskOf(PURPOSES, Purpose::mask), from, length,
                revocation()).as(
                        (t, p, f, l, r) -> new Attestation(1, ISSUER, RESEARCHER, t, p, second(f),
                                second(f + l), 1, r));
    }

    static Arbitrary<AccessRequest> requests() {
        return Combinators.combine(Arbitraries.of(CATEGORIES), Arbitraries.of(PURPOSES),
                uniform(0, 120), Arbitraries.longs().between(0, 20))
                .as((c, p, at, b) -> new AccessRequest(RESEARCHER, PATIENT, c, p, second(at), b));
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Combinators
                .combine(requests(), grants().list().ofMaxSize(6), attestations().list().ofMinSize(1).ofMaxSize(3))
                .as(Scenario::new);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void withoutGrantsEveryRequestIsDenied(@ForAll("scenarios") Scenario s) {
        Decision d = new Scenario(s.request(), List.of(), s.attestations()).decide(policy);
        assertThat(d.permitted()).isFalse();
        assertThat(d.code()).isPresent();
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void addingARevocationNeverTurnsADenyIntoAPermit(@ForAll("scenarios") Scenario s,
            @ForAll @IntRange(min = 0, max = 8) int which, @ForAll @IntRange(min = 0, max = 20) int block) {
        List<Grant> grants = new ArrayList<>(s.grants());
        List<Attestation> attestations = new ArrayList<>(s.attestations());
        if (which < grants.size()) {
            Grant g = grants.get(which);
            grants.set(which, new Grant(g.id(), g.terms(), g.signer(), g.grantedAtBlock(),
                    Optional.of(Math.min(block, g.revokedAtBlock().orElse(Long.MAX_VALUE)))));
        } else if (which - grants.size() < attestations.size()) {
            Attestation a = attestations.get(which - grants.size());
            attestations.set(which - grants.size(), new Attestation(a.id(), a.issuer(), a.subject(), a.type(),
                    a.purposes(), a.validFrom(), a.validUntil(), a.issuedAtBlock(),
                    Optional.of(Math.min(block, a.revokedAtBlock().orElse(Long.MAX_VALUE)))));
        }
        boolean before = s.decide(policy).permitted();
        boolean after = new Scenario(s.request(), grants, attestations).decide(policy).permitted();
        if (!before) {
            assertThat(after).isFalse();
        }
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void aPermitNamesTheLowestGrantThatCoversTheRequestByHand(@ForAll("scenarios") Scenario s) {
        Decision d = s.decide(policy);
        AccessRequest r = s.request();
        int attested = 0;
        for (Attestation a : s.attestations()) {
            boolean valid = !a.validFrom().isAfter(r.at()) && r.at().isBefore(a.validUntil());
            boolean revoked = a.revokedAtBlock().isPresent() && a.revokedAtBlock().get() <= r.block();
            if (valid && !revoked && (a.purposes() & r.purpose().mask()) != 0) {
                attested |= a.type().mask();
            }
        }
        int types = attested;
        Optional<Grant> covering = s.grants().stream()
                .filter(g -> (g.terms().categories() & r.category().mask()) != 0)
                .filter(g -> (g.terms().purposes() & r.purpose().mask()) != 0)
                .filter(g -> (g.terms().attestationTypes() & types) != 0)
                .filter(g -> g.terms().namedConsumer().isEmpty() || g.terms().namedConsumer().get()
                        .equals(r.requester()))
                .filter(g -> !g.terms().validFrom().isAfter(r.at()) && r.at().isBefore(g.terms().validUntil()))
                .filter(g -> g.revokedAtBlock().isEmpty() || g.revokedAtBlock().get() > r.block())
                .min(Comparator.comparingLong(Grant::id));
        assertThat(d.permitted()).isEqualTo(covering.isPresent());
        if (d.permitted()) {
            assertThat(d.basis()).isEqualTo(Decision.Basis.GRANT);
            assertThat(d.grantId()).contains(covering.get().id());
        }
    }

    @Property
    void aRevocationIsEffectiveFromItsBlock(@ForAll @IntRange(min = 1, max = 1000) int revokedAt,
            @ForAll @IntRange(min = 0, max = 1000) int block) {
        Grant g = new Grant(1, researchGrant(1).terms(), PATIENT, 0, Optional.of((long) revokedAt));
        AccessRequest r = new AccessRequest(RESEARCHER, PATIENT, Category.CONDITIONS, Purpose.HRESCH, NOW, block);
        Decision d = policy.decide(r, List.of(g), List.of(researcher()), Optional.empty());
        if (block < revokedAt) {
            assertThat(d.grantId()).contains(1L);
        } else {
            assertThat(d.code()).contains(ErrorCode.CONSENT_REVOKED);
        }
    }

    @Property
    void theGrantWindowIsHalfOpen(@ForAll @IntRange(min = 0, max = 1000) int from,
            @ForAll @IntRange(min = 1, max = 1000) int length, @ForAll @IntRange(min = -1, max = 2001) int atSecond,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant validFrom = NOW.plusSeconds(from);
        Instant validUntil = validFrom.plusSeconds(length);
        GrantTerms t = researchGrant(1).terms();
        Grant g = grant(1, new GrantTerms(PATIENT, t.categories(), t.attestationTypes(), t.purposes(), validFrom,
                validUntil, 0, Optional.empty()));
        Instant at = NOW.plusSeconds(atSecond).plusNanos(nanos);
        Attestation always = new Attestation(1, ISSUER, RESEARCHER, AttestationType.ACADEMIC_RESEARCHER,
                Purpose.HRESCH.mask(), Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 0, Optional.empty());
        Decision d = policy.decide(new AccessRequest(RESEARCHER, PATIENT, Category.CONDITIONS, Purpose.HRESCH, at,
                BLOCK), List.of(g), List.of(always), Optional.empty());
        if (at.isBefore(validFrom)) {
            assertThat(d.code()).contains(ErrorCode.CONSENT_NOT_YET_VALID);
        } else if (at.isBefore(validUntil)) {
            assertThat(d.grantId()).contains(1L);
        } else {
            assertThat(d.code()).contains(ErrorCode.CONSENT_EXPIRED);
        }
    }
}
