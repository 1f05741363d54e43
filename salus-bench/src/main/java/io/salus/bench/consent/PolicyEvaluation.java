package io.salus.bench.consent;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AccessRequest;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.ConsentPolicy;
import io.salus.core.consent.Grant;
import io.salus.core.consent.Purpose;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consent decisions the way the node's decision point takes them: {@link ConsentPolicy#decide} on the patient's grant
 * list, with the requester's attestations (one per type of the query's mask, every purpose, valid a year either side
 * of {@link GrantPopulation#NOW}, unrevoked) and no delegation. The brute-force reference for the index and the SQL
 * baseline, and the in-memory single-decision path. Thread-safe.
 */
public final class PolicyEvaluation {
    /** The benchmark's consumer: never {@link GrantPopulation#NAMED_CONSUMER}. */
    public static final EvmAddress REQUESTER = new EvmAddress("0x" + "be".repeat(20));
    private static final EvmAddress ISSUER = new EvmAddress("0x" + "15".repeat(20));

    private final ConsentPolicy policy = new ConsentPolicy();
    private final Map<Integer, List<Attestation>> attestations = new ConcurrentHashMap<>();

    /** The requester's attestations for a types mask (cached per mask). */
    public List<Attestation> attestationsFor(int typesMask) {
        return attestations.computeIfAbsent(typesMask, m -> {
            List<Attestation> list = new ArrayList<>();
            for (AttestationType t : AttestationType.fromMask(m)) {
                list.add(new Attestation(list.size() + 1L, ISSUER, REQUESTER, t, (1 << Purpose.values().length) - 1,
                        GrantPopulation.NOW.minus(Duration.ofDays(365)),
                        GrantPopulation.NOW.plus(Duration.ofDays(365)), 1, Optional.empty()));
            }
            return List.copyOf(list);
        });
    }

    /** One decision for patient {@code i} (whose grants are {@code grants}) at NOW and HEAD. */
    public boolean permits(int i, List<Grant> grants, ConsentQuery q) {
        return permits(GrantPopulation.patient(i), grants, q, attestationsFor(q.typesMask()));
    }

    /** One decision, the attestations given (as the decision point has them loaded). */
    public boolean permits(EvmAddress patient, List<Grant> grants, ConsentQuery q, List<Attestation> attested) {
        return policy.decide(new AccessRequest(REQUESTER, patient, q.category(), q.purpose(), GrantPopulation.NOW,
                GrantPopulation.HEAD), grants, attested, Optional.empty()).permitted();
    }

    /** How many patients of the population {@code q} permits, one {@code decide} per patient. */
    public long count(GrantPopulation population, ConsentQuery q) {
        List<Attestation> attested = attestationsFor(q.typesMask());
        long permitted = 0;
        for (int i = 0; i < population.patients(); i++) {
            if (permits(GrantPopulation.patient(i), population.grantsOf(i), q, attested)) {
                permitted++;
            }
        }
        return permitted;
    }
}
