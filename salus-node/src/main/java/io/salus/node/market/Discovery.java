package io.salus.node.market;

import io.salus.compute.cohort.CriteriaParser;
import io.salus.compute.cohort.RoaringCohortIndex;
import io.salus.compute.consent.RoaringPatientSet;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.cohort.Criterion;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hashing;
import io.salus.core.port.ConsentIndex;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.privacy.CountRelease;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.NoisyCount;
import io.salus.core.privacy.Remaining;
import io.salus.core.record.Category;
import io.salus.core.usecase.consent.ConsentSync;
import io.salus.core.usecase.consent.DecisionPoint;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * Cohort discovery: the patients matching the criteria (cohort index) who consent to every category asked for the
 * consumer's attested types and purpose now (consent index, synced to the chain head), counted, charged to the
 * consumer organisation's privacy budget, and released through the discrete Laplace mechanism with small cells
 * suppressed. Thread-safe.
 */
public final class Discovery {
    private final CriteriaParser parser = new CriteriaParser();
    private final RoaringCohortIndex cohorts;
    private final ConsentIndex consent;
    private final DecisionPoint attestations;
    private final ConsentSync sync;
    private final PrivacyBudget budget;
    private final CountRelease release;
    private final Clock clock;

    public Discovery(RoaringCohortIndex cohorts, ConsentIndex consent, DecisionPoint attestations, ConsentSync sync,
            PrivacyBudget budget, CountRelease release, Clock clock) {
        this.cohorts = cohorts;
        this.consent = consent;
        this.attestations = attestations;
        this.sync = sync;
        this.budget = budget;
        this.release = release;
        this.clock = clock;
    }

    public record Count(NoisyCount count, Epsilon epsilon, Remaining remaining) {
    }

    public Result<Criterion> parse(byte[] criteria) {
        return parser.parse(criteria);
    }

    public Result<Count> count(Account consumer, byte[] criteriaJson, List<Category> categories, Purpose purpose,
            String epsilon) {
        if (consumer.kind() != AccountKind.CONSUMER) {
            return Result.fail(ErrorCode.NOT_A_CONSUMER, "only consumer accounts discover cohorts");
        }
        if (categories.isEmpty()) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "name at least one data category");
        }
        return Epsilon.parse(epsilon).flatMap(eps -> parser.parse(criteriaJson).flatMap(criterion -> {
            Result<RoaringBitmap> eligible = eligible(consumer, criterion, categories, purpose);
            if (!eligible.isOk()) {
                return Result.fail(eligible.failure());
            }
            long trueCount = eligible.orElseThrow().getLongCardinality();
            String digest = Hashing.sha256((new String(criteriaJson, StandardCharsets.UTF_8) + "|" + categories
                    + "|" + purpose).getBytes(StandardCharsets.UTF_8)).hex();
            return budget.charge(consumer.id(), eps, digest)
                    .map(remaining -> new Count(release.release(trueCount, eps), eps, remaining));
        }));
    }

    /** Matching, consenting patients (ordinals) for a consumer: the exact set, never released as such. */
    Result<RoaringBitmap> eligible(Account consumer, Criterion criterion, List<Category> categories,
            Purpose purpose) {
        long block = sync.toHead();
        Instant now = clock.instant();
        int types = attestedTypes(consumer, purpose, now, block);
        if (types == 0) {
            return Result.fail(ErrorCode.NO_ATTESTATION,
                    "the consumer holds no valid attestation allowing " + purpose + " from a trusted issuer");
        }
        RoaringBitmap consenting = null;
        for (Category c : categories) {
            RoaringBitmap p = ((RoaringPatientSet) consent.permitted(c, types, purpose, now, block)).toBitmap();
            consenting = consenting == null ? p : RoaringBitmap.and(consenting, p);
        }
        return Result.ok(RoaringBitmap.and(cohorts.evaluate(criterion, LocalDate.ofInstant(now, ZoneOffset.UTC)),
                consenting));
    }

    int attestedTypes(Account consumer, Purpose purpose, Instant now, long block) {
        int types = 0;
        for (Attestation a : attestations.attestationsOf(consumer.address(), block)) {
            if (!a.revokedAt(block) && a.validAt(now) && (a.purposes() & purpose.mask()) != 0) {
                types |= a.type().mask();
            }
        }
        return types;
    }
}
