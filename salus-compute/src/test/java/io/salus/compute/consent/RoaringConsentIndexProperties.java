package io.salus.compute.consent;

import static io.salus.compute.consent.IndexModel.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Grant;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

class RoaringConsentIndexProperties {
    private static final int PATIENTS = 5;
    private static final Category[] CATEGORIES = {Category.CONDITIONS, Category.LAB_RESULTS, Category.IMAGING};
    private static final Purpose[] PURPOSES = {Purpose.HRESCH, Purpose.CLINTRCH, Purpose.PUBHLTH};
    private static final AttestationType[] TYPES = {AttestationType.ACADEMIC_RESEARCHER, AttestationType.PHARMA,
            AttestationType.PUBLIC_HEALTH};

    sealed interface Op {}

    record Put(int patient, int cats, int types, int purposes, int from, int length, Optional<EvmAddress> named,
            Optional<Integer> revokedIn) implements Op {
    }

    record Revoke(int which, int blockDelta) implements Op {
    }

    record Query(Category category, int typesMask, Purpose purpose, int dt, boolean lastNano, int dblock)
            implements
                Op {
    }

    static Arbitrary<Integer> uniform(int min, int max) {
        return Arbitraries.integers().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    static Arbitrary<Integer> mask(int bits) {
        return Arbitraries.integers().between(0, (1 << bits) - 1);
    }

    static Arbitrary<Op> ops(int minDt, int minDblock) {
        Arbitrary<Op> put = Combinators.combine(Arbitraries.integers().between(0, PATIENTS - 1),
                Arbitraries.integers().between(1, 7), Arbitraries.integers().between(1, 7),
                Arbitraries.integers().between(1, 7), uniform(0, 100), uniform(1, 80),
                Arbitraries.of(CONSUMER, OTHER_CONSUMER).optional(0.2),
                Arbitraries.integers().between(-3, 6).optional(0.15)).as(Put::new);
        Arbitrary<Op> revoke = Combinators.combine(Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(-3, 6)).as(Revoke::new);
        Arbitrary<Op> query = Combinators.combine(Arbitraries.of(CATEGORIES), mask(3), Arbitraries.of(PURPOSES),
                uniform(minDt, 15), Arbitraries.of(false, true),
                Arbitraries.integers().between(minDblock, 2)).as(Query::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, put), net.jqwik.api.Tuple.of(1, revoke),
                net.jqwik.api.Tuple.of(5, query));
    }

    @Provide
    Arbitrary<List<Op>> forward() {
        return ops(0, 0).list().ofMinSize(1).ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Op>> anyOrder() {
        return ops(-30, -4).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property
    void theIndexAgreesWithThePolicyForQueriesAtNonDecreasingTimes(@ForAll("forward") List<Op> ops) {
        run(ops);
    }

    @Property
    void theIndexAgreesWithThePolicyWhenQueriesLookBack(@ForAll("anyOrder") List<Op> ops) {
        run(ops);
    }

    @Property
    void aBulkLoadedIndexAgreesWithThePolicy(@ForAll("forward") List<Op> ops) {
        IndexModel model = new IndexModel();
        List<Grant> grants = new java.util.ArrayList<>();
        for (Op op : ops) {
            if (op instanceof Put p) {
                grants.add(toGrant(p, grants.size() + 1, 3));
                model.put(grants.getLast());
            }
        }
        RoaringConsentIndex index = RoaringConsentIndex.of(grants.stream(), T0.plusSeconds(40), 3);
        long second = 40;
        long block = 3;
        for (Op op : ops) {
            if (op instanceof Query q) {
                second += q.dt();
                block += q.dblock();
                check(index, model, q, T0.plusSeconds(second), block);
            }
        }
    }

    private static Grant toGrant(Put p, long id, long block) {
        return grant(id, patient(p.patient()), categories(p.cats()), types(p.types()), purposes(p.purposes()),
                T0.plusSeconds(p.from()), T0.plusSeconds(p.from() + p.length()), p.named(),
                p.revokedIn().map(d -> Math.max(0, block + d)));
    }

    private static void run(List<Op> ops) {
        RoaringConsentIndex index = new RoaringConsentIndex(T0, 0);
        IndexModel model = new IndexModel();
        long second = 0;
        long block = 0;
        long nextId = 1;
        for (Op op : ops) {
            switch (op) {
                case Put p -> {
                    Grant g = toGrant(p, nextId++, block);
                    index.put(g);
                    model.put(g);
                }
                case Revoke r -> {
                    List<Long> ids = model.ids();
                    if (!ids.isEmpty()) {
                        long id = ids.get(r.which() % ids.size());
                        long at = Math.max(0, block + r.blockDelta());
                        index.revoke(id, at);
                        model.revoke(id, at);
                    }
                }
                case Query q -> {
                    second = Math.max(0, second + q.dt());
                    block = Math.max(0, block + q.dblock());
                    Instant at = T0.plusSeconds(second).plusNanos(q.lastNano() ? 999_999_999 : 0);
                    check(index, model, q, at, block);
                }
            }
        }
    }

    private static void check(RoaringConsentIndex index, IndexModel model, Query q, Instant at, long block) {
        long expectedCount = 0;
        for (int n = 0; n < PATIENTS; n++) {
            boolean expected = model.permits(patient(n), q.category(), types(q.typesMask()),
                    q.purpose(), at, block);
            expectedCount += expected ? 1 : 0;
            int ordinal = index.ordinal(patient(n));
            assertThat(index.permits(ordinal, q.category(), types(q.typesMask()), q.purpose(), at, block))
                    .as("patient %d, %s at %s block %d", n, q, at, block).isEqualTo(expected);
        }
        assertThat(index.permitted(q.category(), types(q.typesMask()), q.purpose(), at, block)
                .cardinality()).as("%s at %s block %d", q, at, block).isEqualTo(expectedCount);
    }

    private static long categories(int bits) {
        long m = 0;
        for (int i = 0; i < CATEGORIES.length; i++) {
            m |= (bits & (1 << i)) != 0 ? CATEGORIES[i].mask() : 0;
        }
        return m;
    }

    private static int types(int bits) {
        int m = 0;
        for (int i = 0; i < TYPES.length; i++) {
            m |= (bits & (1 << i)) != 0 ? TYPES[i].mask() : 0;
        }
        return m;
    }

    private static int purposes(int bits) {
        int m = 0;
        for (int i = 0; i < PURPOSES.length; i++) {
            m |= (bits & (1 << i)) != 0 ? PURPOSES[i].mask() : 0;
        }
        return m;
    }
}
