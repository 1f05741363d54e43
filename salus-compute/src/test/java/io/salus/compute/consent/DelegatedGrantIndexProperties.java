package io.salus.compute.consent;

import static io.salus.compute.consent.IndexModel.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AccessRequest;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.ConsentPolicy;
import io.salus.core.consent.Delegation;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The bulk index agrees with {@link ConsentPolicy} on grants signed by delegates, as the node feeds it (events in chain
 * order, queries at the head): a delegate's grant leaves the sets when the patient revokes or re-states the
 * delegation, and counts only until the delegation's end.
 */
class DelegatedGrantIndexProperties {
    private static final int PATIENTS = 3;
    private static final EvmAddress[] DELEGATES = {address(800), address(801)};
    private static final Category[] CATEGORIES = {Category.CONDITIONS, Category.LAB_RESULTS};
    private final ConsentPolicy policy = new ConsentPolicy();

    sealed interface Op {}

    /** A grant by the patient ({@code signer} -1) or by delegate {@code signer}. */
    record Put(int patient, int signer, int cats, int from, int length, boolean named) implements Op {
    }

    record Delegate(int patient, int delegate, int scopes, int until) implements Op {
    }

    record Revoke(int which) implements Op {
    }

    record Query(Category category, int dt, int dblock) implements Op {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> put = Combinators.combine(Arbitraries.integers().between(0, PATIENTS - 1),
                Arbitraries.integers().between(-1, 1), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 60), Arbitraries.integers().between(1, 80),
                Arbitraries.of(false, false, false, true)).as(Put::new);
        Arbitrary<Op> delegate = Combinators.combine(Arbitraries.integers().between(0, PATIENTS - 1),
                Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 120)).as(Delegate::new);
        Arbitrary<Op> revoke = Arbitraries.integers().between(0, 100).map(Revoke::new);
        Arbitrary<Op> query = Combinators.combine(Arbitraries.of(CATEGORIES), Arbitraries.integers().between(0, 12),
                Arbitraries.integers().between(0, 2)).as(Query::new);
        return Arbitraries.frequencyOf(Tuple.of(4, put), Tuple.of(3, delegate), Tuple.of(1, revoke),
                Tuple.of(5, query)).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property
    void delegateSignedGrants_inTheIndex_countExactlyAsThePolicySays(@ForAll("ops") List<Op> ops) {
        run(ops, new RoaringConsentIndex(T0, 0));
    }

    /** As {@code ConsentSync.start} loads it: the latest delegations first, then every grant with its revocation. */
    @Property
    void anIndexLoadedFromTheProjection_agreesWithThePolicy(@ForAll("ops") List<Op> ops) {
        Chain chain = run(ops, new RoaringConsentIndex(T0, 0));
        RoaringConsentIndex loaded = new RoaringConsentIndex(T0.plusSeconds(chain.second), chain.block);
        chain.delegations.values().forEach(loaded::delegationSet);
        chain.grants.values().forEach(loaded::put);
        Instant at = T0.plusSeconds(chain.second);
        for (int n = 0; n < PATIENTS; n++) {
            for (Category c : CATEGORIES) {
                assertThat(loaded.permits(loaded.ordinal(patient(n)), c, AttestationType.ACADEMIC_RESEARCHER.mask(),
                        Purpose.HRESCH, at, chain.block))
                        .isEqualTo(permits(patient(n), chain.grants, chain.delegations, c, at, chain.block));
            }
        }
    }

    /** The chain's state after the operations: grants, latest delegations, and the head's time and block. */
    static final class Chain {
        final Map<Long, Grant> grants = new LinkedHashMap<>();
        final Map<String, Delegation> delegations = new LinkedHashMap<>();
        long second;
        long block;
    }

    private Chain run(List<Op> ops, RoaringConsentIndex index) {
        Chain chain = new Chain();
        Map<Long, Grant> grants = chain.grants;
        Map<String, Delegation> delegations = chain.delegations;
        long second = 0;
        long block = 0;
        for (Op op : ops) {
            switch (op) {
                case Put p -> {
                    EvmAddress patient = patient(p.patient());
                    EvmAddress signer = p.signer() < 0 ? patient : DELEGATES[p.signer()];
                    Grant g = new Grant(grants.size() + 1, new GrantTerms(patient, cats(p.cats()),
                            AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH.mask(),
                            T0.plusSeconds(p.from()), T0.plusSeconds(p.from() + p.length()), 0,
                            p.named() ? Optional.of(CONSUMER) : Optional.empty()), signer, block, Optional.empty());
                    grants.put(g.id(), g);
                    index.put(g);
                }
                case Delegate d -> {
                    Delegation del = new Delegation(patient(d.patient()), DELEGATES[d.delegate()], d.scopes(),
                            T0.plusSeconds(d.until()), block);
                    delegations.put(d.patient() + "/" + d.delegate(), del);
                    index.delegationSet(del);
                }
                case Revoke r -> {
                    if (!grants.isEmpty()) {
                        Grant g = new ArrayList<>(grants.values()).get(r.which() % grants.size());
                        if (g.revokedAtBlock().isEmpty()) {
                            grants.put(g.id(), new Grant(g.id(), g.terms(), g.signer(), g.grantedAtBlock(),
                                    Optional.of(block)));
                            index.revoke(g.id(), block);
                        }
                    }
                }
                case Query q -> {
                    second += q.dt();
                    block += q.dblock();
                    Instant at = T0.plusSeconds(second);
                    int count = 0;
                    for (int n = 0; n < PATIENTS; n++) {
                        boolean expected = permits(patient(n), grants, delegations, q.category(), at, block);
                        count += expected ? 1 : 0;
                        assertThat(index.permits(index.ordinal(patient(n)), q.category(),
                                AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH, at, block))
                                .as("patient %d, %s at %s block %d", n, q.category(), at, block).isEqualTo(expected);
                    }
                    assertThat(index.permitted(q.category(), AttestationType.ACADEMIC_RESEARCHER.mask(),
                            Purpose.HRESCH, at, block).cardinality()).isEqualTo(count);
                }
            }
        }
        chain.second = second;
        chain.block = block;
        return chain;
    }

    private boolean permits(EvmAddress patient, Map<Long, Grant> grants, Map<String, Delegation> delegations,
            Category category, Instant at, long block) {
        List<Grant> standing = grants.values().stream()
                .filter(g -> g.terms().patient().equals(patient) && g.terms().namedConsumer().isEmpty()).toList();
        List<Delegation> ofPatient = delegations.values().stream().filter(d -> d.patient().equals(patient)).toList();
        Attestation a = new Attestation(1, ISSUER, CONSUMER, AttestationType.ACADEMIC_RESEARCHER,
                Purpose.HRESCH.mask(), Instant.EPOCH, Instant.parse("2200-01-01T00:00:00Z"), 0, Optional.empty());
        return policy.decide(new AccessRequest(CONSUMER, patient, category, Purpose.HRESCH, at, block), standing,
                List.of(a), Optional.empty(), ofPatient).permitted();
    }

    private static long cats(int bits) {
        long m = 0;
        for (int i = 0; i < CATEGORIES.length; i++) {
            m |= (bits & (1 << i)) != 0 ? CATEGORIES[i].mask() : 0;
        }
        return m;
    }
}
