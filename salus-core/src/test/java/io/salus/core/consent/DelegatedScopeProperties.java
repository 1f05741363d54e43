package io.salus.core.consent;

import static io.salus.core.consent.ConsentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The delegated scopes: a delegate acts for the patient in a scope exactly when the patient's delegation to them
 * includes that scope and has not expired; a revocation (scopes 0) leaves nothing; one scope never implies another.
 */
class DelegatedScopeProperties {
    private final ConsentPolicy policy = new ConsentPolicy();

    @Property
    void aScopeIsPermittedExactlyWhenTheDelegationIncludesItAndIsUnexpired(@ForAll @IntRange(min = 0, max = 7) int mask,
            @ForAll("scopes") DelegationScope scope, @ForAll @IntRange(min = -100, max = 100) int untilOffset) {
        Instant until = NOW.plusSeconds(untilOffset);
        Delegation d = new Delegation(PATIENT, CAREGIVER, mask, until, BLOCK);
        Decision decision = policy.decideScope(PATIENT, CAREGIVER, scope, NOW, Optional.of(d));
        boolean expected = (mask & scope.mask()) != 0 && NOW.isBefore(until);
        assertThat(decision.permitted()).isEqualTo(expected);
        if (expected) {
            assertThat(decision.basis()).isEqualTo(Decision.Basis.DELEGATION);
        } else {
            assertThat(decision.code()).contains(ErrorCode.DELEGATION_SCOPE);
        }
    }

    @Property
    void aRevokedDelegationPermitsNoScopeAndDoesNotReadRecords(@ForAll("scopes") DelegationScope scope,
            @ForAll("categories") Category category) {
        Delegation revoked = new Delegation(PATIENT, CAREGIVER, 0, NOW.plusSeconds(3600), BLOCK);
        assertThat(policy.decideScope(PATIENT, CAREGIVER, scope, NOW, Optional.of(revoked)).code())
                .contains(ErrorCode.DELEGATION_SCOPE);
        AccessRequest read = new AccessRequest(CAREGIVER, PATIENT, category, Purpose.PATRQT, NOW, BLOCK);
        assertThat(policy.decide(read, List.of(), List.of(), Optional.of(revoked)).code())
                .contains(ErrorCode.DELEGATION_SCOPE);
    }

    @Property
    void aDelegationForAnotherPairIsIgnored(@ForAll("scopes") DelegationScope scope) {
        Delegation toSomeoneElse = new Delegation(PATIENT, OTHER_CONSUMER, 7, NOW.plusSeconds(3600), BLOCK);
        Delegation fromSomeoneElse = new Delegation(OTHER_CONSUMER, CAREGIVER, 7, NOW.plusSeconds(3600), BLOCK);
        for (Delegation d : List.of(toSomeoneElse, fromSomeoneElse)) {
            assertThat(policy.decideScope(PATIENT, CAREGIVER, scope, NOW, Optional.of(d)).permitted()).isFalse();
        }
    }

    @Property
    void thePatientAlwaysActsForThemself(@ForAll("scopes") DelegationScope scope) {
        assertThat(policy.decideScope(PATIENT, PATIENT, scope, NOW, Optional.empty()).permitted()).isTrue();
    }

    @Property
    void viewRecordsAloneDecidesReadsThroughTheDelegationPath(@ForAll @IntRange(min = 0, max = 7) int mask,
            @ForAll("categories") Category category) {
        Delegation d = new Delegation(PATIENT, CAREGIVER, mask, NOW.plusSeconds(60), BLOCK);
        AccessRequest read = new AccessRequest(CAREGIVER, PATIENT, category, Purpose.PATRQT, NOW, BLOCK);
        Decision decision = policy.decide(read, List.of(), List.of(), Optional.of(d));
        boolean views = (mask & DelegationScope.VIEW_RECORDS.mask()) != 0;
        assertThat(decision.permitted()).isEqualTo(views);
        assertThat(decision.basis()).isEqualTo(views ? Decision.Basis.DELEGATION : Decision.Basis.NONE);
    }

    @Provide
    Arbitrary<DelegationScope> scopes() {
        return Arbitraries.of(DelegationScope.class);
    }

    @Provide
    Arbitrary<Category> categories() {
        return Arbitraries.of(Category.class);
    }
}
