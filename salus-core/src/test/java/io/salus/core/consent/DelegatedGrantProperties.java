package io.salus.core.consent;

import static io.salus.core.consent.ConsentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A delegate stays inside its delegation: a grant a delegate signed counts only while the delegation it was signed
 * under stands (not revoked, narrowed or otherwise re-stated by the patient since), includes MANAGE_CONSENT, and only
 * until the delegation's end; a grant naming the delegate itself never counts.
 */
class DelegatedGrantProperties {
    private static final EvmAddress OTHER_CAREGIVER = address(6);
    private static final int MANAGE = DelegationScope.MANAGE_CONSENT.mask();
    private final ConsentPolicy policy = new ConsentPolicy();

    static Instant second(int s) {
        return T0.plusSeconds(s);
    }

    /** A research grant over CONDITIONS for HRESCH, signed by {@code signer} at block {@code grantedAt}. */
    static Grant signed(long id, EvmAddress signer, int from, int until, long grantedAt, Optional<Long> revoked,
            Optional<EvmAddress> named) {
        return new Grant(id, new GrantTerms(PATIENT, Category.CONDITIONS.mask(),
                AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH.mask(), second(from), second(until), 0,
                named), signer, grantedAt, revoked);
    }

    static Attestation always() {
        return new Attestation(1, ISSUER, RESEARCHER, AttestationType.ACADEMIC_RESEARCHER, Purpose.HRESCH.mask(),
                Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 0, Optional.empty());
    }

    static AccessRequest at(int second, long block) {
        return new AccessRequest(RESEARCHER, PATIENT, Category.CONDITIONS, Purpose.HRESCH, second(second), block);
    }

    Decision decide(AccessRequest r, List<Grant> grants, List<Delegation> delegations) {
        return policy.decide(r, grants, List.of(always()), Optional.empty(), delegations);
    }

    @Property
    void delegateSignedGrant_stopsCountingWhenDelegationIsRevoked(@ForAll @IntRange(min = 1, max = 50) int grantedAt,
            @ForAll @IntRange(min = 1, max = 50) int later, @ForAll @IntRange(min = 0, max = 7) int newScopes,
            @ForAll @IntRange(min = 0, max = 100) int blockAfter) {
        Grant g = signed(1, CAREGIVER, 0, 1000, grantedAt, Optional.empty(), Optional.empty());
        Delegation underWhichSigned = new Delegation(PATIENT, CAREGIVER, MANAGE, second(2000), grantedAt - 1);
        assertThat(decide(at(10, grantedAt), List.of(g), List.of(underWhichSigned)).grantId()).contains(1L);
        Delegation restated = new Delegation(PATIENT, CAREGIVER, newScopes, second(5000), grantedAt + later);
        Decision d = decide(at(10, grantedAt + later + blockAfter), List.of(g), List.of(restated));
        assertThat(d.permitted()).isFalse();
        assertThat(d.code()).contains(ErrorCode.CONSENT_REVOKED);
    }

    @Property
    void delegateSignedGrant_outlivingItsDelegation_countsOnlyUntilTheDelegationEnds(
            @ForAll @IntRange(min = 1, max = 200) int grantUntil,
            @ForAll @IntRange(min = 1, max = 200) int delegationEnd,
            @ForAll @IntRange(min = 0, max = 250) int atSecond) {
        Grant g = signed(1, CAREGIVER, 0, grantUntil, 10, Optional.empty(), Optional.empty());
        Delegation d = new Delegation(PATIENT, CAREGIVER, MANAGE, second(delegationEnd), 5);
        Decision decision = decide(at(atSecond, 20), List.of(g), List.of(d));
        assertThat(decision.permitted()).isEqualTo(atSecond < Math.min(grantUntil, delegationEnd));
        if (!decision.permitted()) {
            assertThat(decision.code()).contains(ErrorCode.CONSENT_EXPIRED);
        }
    }

    @Property
    void delegateGrantNamingItself_isRefused(@ForAll @IntRange(min = 0, max = 7) int scopes) {
        Grant toItself = signed(1, CAREGIVER, 0, 1000, 10, Optional.empty(), Optional.of(CAREGIVER));
        Delegation d = new Delegation(PATIENT, CAREGIVER, scopes, second(2000), 5);
        AccessRequest byTheDelegate = new AccessRequest(CAREGIVER, PATIENT, Category.CONDITIONS, Purpose.HRESCH,
                second(10), 20);
        Attestation delegateAttested = new Attestation(2, ISSUER, CAREGIVER, AttestationType.ACADEMIC_RESEARCHER,
                Purpose.HRESCH.mask(), Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 0, Optional.empty());
        int noViewRecords = scopes & ~DelegationScope.VIEW_RECORDS.mask();
        Decision decision = policy.decide(byTheDelegate, List.of(toItself), List.of(delegateAttested),
                Optional.of(new Delegation(PATIENT, CAREGIVER, noViewRecords, second(2000), 5)), List.of(d));
        assertThat(decision.permitted()).isFalse();
    }

    @Property
    void delegateSignedOpenGrant_neverLetsTheDelegateItselfIn_whileItStillLetsOthersIn(
            @ForAll @IntRange(min = 0, max = 999) int at, @ForAll @IntRange(min = 10, max = 100) long block,
            @ForAll @IntRange(min = 0, max = 7) int otherScopes) {
        int scopes = (otherScopes | MANAGE) & ~DelegationScope.VIEW_RECORDS.mask();
        Grant open = signed(1, CAREGIVER, 0, 1000, 10, Optional.empty(), Optional.empty());
        Delegation d = new Delegation(PATIENT, CAREGIVER, scopes, second(2000), 5);
        Attestation delegateAttested = new Attestation(2, ISSUER, CAREGIVER, AttestationType.ACADEMIC_RESEARCHER,
                Purpose.HRESCH.mask(), Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 0, Optional.empty());
        AccessRequest byTheDelegate = new AccessRequest(CAREGIVER, PATIENT, Category.CONDITIONS, Purpose.HRESCH,
                second(at), block);
        Decision itself = policy.decide(byTheDelegate, List.of(open), List.of(delegateAttested), Optional.of(d),
                List.of(d));
        assertThat(itself.permitted()).isFalse();
        assertThat(itself.reason()).contains("a delegate does not grant itself access");
        assertThat(policy.decide(byTheDelegate, List.of(open), List.of(delegateAttested), Optional.empty(),
                List.of(d)).code()).contains(ErrorCode.DELEGATE_GRANT_TO_ITSELF);
        assertThat(decide(at(at, block), List.of(open), List.of(d)).permitted()).as("the researcher it was meant for")
                .isTrue();
    }

    @Property
    void delegateSignedGrant_withoutManageConsent_neverCounts(@ForAll @IntRange(min = 0, max = 7) int scopes) {
        Grant g = signed(1, CAREGIVER, 0, 1000, 10, Optional.empty(), Optional.empty());
        Delegation d = new Delegation(PATIENT, CAREGIVER, scopes, second(2000), 5);
        assertThat(decide(at(10, 20), List.of(g), List.of(d)).permitted()).isEqualTo((scopes & MANAGE) != 0);
    }

    @Property
    void delegateSignedGrant_withoutAnyDelegation_orWithDelegationsUnknown_neverCounts(
            @ForAll @IntRange(min = 10, max = 100) int block) {
        Grant g = signed(1, CAREGIVER, 0, 1000, 10, Optional.empty(), Optional.empty());
        Delegation toAnotherCaregiver = new Delegation(PATIENT, OTHER_CAREGIVER, MANAGE, second(2000), 5);
        assertThat(decide(at(10, block), List.of(g), List.of(toAnotherCaregiver)).permitted()).isFalse();
        assertThat(policy.decide(at(10, block), List.of(g), List.of(always()), Optional.empty()).permitted())
                .as("the four-argument decision knows no delegations: fail closed").isFalse();
    }

    @Property
    void thePatientsOwnGrantsDoNotDependOnDelegations(@ForAll @IntRange(min = 0, max = 7) int scopes,
            @ForAll @IntRange(min = 0, max = 100) int delegationBlock) {
        Grant own = signed(1, PATIENT, 0, 1000, 10, Optional.empty(), Optional.empty());
        Delegation d = new Delegation(PATIENT, CAREGIVER, scopes, second(1), delegationBlock);
        assertThat(decide(at(10, 200), List.of(own), List.of(d)).grantId()).contains(1L);
    }

    record Scenario(List<Grant> grants, List<Delegation> delegations, AccessRequest request) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Grant> grant = Combinators.combine(Arbitraries.longs().between(1, 30),
                Arbitraries.of(PATIENT, CAREGIVER, OTHER_CAREGIVER), Arbitraries.integers().between(0, 60),
                Arbitraries.integers().between(1, 100), Arbitraries.longs().between(0, 20),
                Arbitraries.longs().between(0, 30).optional(0.2),
                Arbitraries.of(RESEARCHER, CAREGIVER, OTHER_CAREGIVER).optional(0.3))
                .as((id, signer, from, length, block, revoked, named) -> signed(id, signer, from, from + length,
                        block, revoked, named));
        Arbitrary<Delegation> delegation = Combinators.combine(Arbitraries.of(CAREGIVER, OTHER_CAREGIVER),
                Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 200),
                Arbitraries.longs().between(0, 20))
                .as((who, scopes, until, block) -> new Delegation(PATIENT, who, scopes, second(until), block));
        Arbitrary<AccessRequest> request = Combinators.combine(Arbitraries.integers().between(0, 200),
                Arbitraries.longs().between(20, 40)).as((s, b) -> at(s, b));
        return Combinators.combine(grant.list().ofMaxSize(6).uniqueElements(Grant::id),
                delegation.list().ofMaxSize(2).uniqueElements(Delegation::delegate), request).as(Scenario::new);
    }

    /** The rule stated by hand: a delegate's grant is the patient's grant with a capped window and its revocation. */
    @Property(edgeCases = EdgeCasesMode.NONE)
    void aDelegatesGrantCountsExactlyAsThePatientsGrantItEffectivelyIs(@ForAll("scenarios") Scenario s) {
        List<Grant> byHand = new ArrayList<>();
        for (Grant g : s.grants()) {
            if (g.signer().equals(PATIENT)) {
                byHand.add(g);
                continue;
            }
            Optional<Delegation> d = s.delegations().stream().filter(x -> x.delegate().equals(g.signer())).findAny();
            boolean namesItself = g.terms().namedConsumer().map(g.signer()::equals).orElse(false);
            long own = g.revokedAtBlock().orElse(Long.MAX_VALUE);
            long revokedAt;
            Instant until = g.terms().validUntil();
            if (d.isEmpty() || namesItself) {
                revokedAt = Math.min(own, g.grantedAtBlock());
            } else if (d.get().atBlock() > g.grantedAtBlock() || (d.get().scopes() & MANAGE) == 0) {
                revokedAt = Math.min(own, d.get().atBlock());
            } else {
                revokedAt = own;
                until = until.isAfter(d.get().validUntil()) ? d.get().validUntil() : until;
            }
            GrantTerms t = g.terms();
            byHand.add(new Grant(g.id(), new GrantTerms(PATIENT, t.categories(), t.attestationTypes(), t.purposes(),
                    t.validFrom(), until, t.minPrice(), t.namedConsumer()), PATIENT, g.grantedAtBlock(),
                    revokedAt == Long.MAX_VALUE ? Optional.empty() : Optional.of(revokedAt)));
        }
        Decision actual = decide(s.request(), s.grants(), s.delegations());
        Decision expected = decide(s.request(), byHand, List.of());
        assertThat(actual.permitted()).isEqualTo(expected.permitted());
        assertThat(actual.grantId()).isEqualTo(expected.grantId());
        assertThat(actual.code()).isEqualTo(expected.code());
    }
}
