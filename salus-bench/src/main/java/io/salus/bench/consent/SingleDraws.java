package io.salus.bench.consent;

import io.salus.compute.consent.RoaringConsentIndex;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Grant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The single decisions the benchmark times: {@code size} draws of a random patient and a random query of
 * {@link ConsentQuery#standard()}, with everything each path needs looked up beforehand (not timed): the patient's
 * ordinal in the index, its address, and its grant list in memory (as the decision point holds it once loaded).
 * Immutable after construction.
 */
public final class SingleDraws {
    private final List<ConsentQuery> queries;
    private final int[] ordinals;
    private final int[] query;
    private final EvmAddress[] addresses;
    private final List<List<Grant>> grants;

    public SingleDraws(GrantPopulation population, RoaringConsentIndex index, List<ConsentQuery> queries, int size,
            long seed) {
        this.queries = List.copyOf(queries);
        SplittableRandom r = new SplittableRandom(seed);
        ordinals = new int[size];
        query = new int[size];
        addresses = new EvmAddress[size];
        grants = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            int i = r.nextInt(population.patients());
            addresses[k] = GrantPopulation.patient(i);
            ordinals[k] = index.ordinalIfKnown(addresses[k]).orElseThrow();
            query[k] = r.nextInt(queries.size());
            grants.add(List.copyOf(population.grantsOf(i)));
        }
    }

    public int size() {
        return ordinals.length;
    }

    public int ordinal(int k) {
        return ordinals[k];
    }

    public EvmAddress address(int k) {
        return addresses[k];
    }

    public ConsentQuery query(int k) {
        return queries.get(query[k]);
    }

    public List<Grant> grants(int k) {
        return grants.get(k);
    }
}
