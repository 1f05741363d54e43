package io.salus.compute.cohort;

import io.salus.compute.consent.RoaringPatientSet;
import io.salus.core.account.Account;
import io.salus.core.account.EvmAddress;
import io.salus.core.cohort.Criterion;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.CohortQuery;
import io.salus.core.port.ConsentIndex;
import io.salus.core.record.Category;
import io.salus.core.usecase.consent.ConsentSync;
import io.salus.core.usecase.consent.DecisionPoint;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * The {@link CohortQuery} on the in-memory bitmaps: the cohort index's patients matching the criteria, intersected
 * with the consent index's patients whose standing consent covers every category asked for the consumer's attested
 * types and purpose now (synced to the chain head; attestations through the one {@link DecisionPoint} view). Patient
 * ordinals are shared by both indexes ({@link PatientDirectory}). Thread-safe.
 */
public final class RoaringCohortQuery implements CohortQuery {
    private final CriteriaParser parser = new CriteriaParser();
    private final RoaringCohortIndex cohorts;
    private final ConsentIndex consent;
    private final PatientDirectory directory;
    private final DecisionPoint attestations;
    private final ConsentSync sync;
    private final Clock clock;

    public RoaringCohortQuery(RoaringCohortIndex cohorts, ConsentIndex consent, PatientDirectory directory,
            DecisionPoint attestations, ConsentSync sync, Clock clock) {
        this.cohorts = cohorts;
        this.consent = consent;
        this.directory = directory;
        this.attestations = attestations;
        this.sync = sync;
        this.clock = clock;
    }

    @Override
    public Result<Criterion> parse(byte[] criteriaJson) {
        return parser.parse(criteriaJson);
    }

    @Override
    public Result<Long> count(Account consumer, Criterion criterion, List<Category> categories, Purpose purpose) {
        return bitmap(consumer, criterion, categories, purpose).map(RoaringBitmap::getLongCardinality);
    }

    @Override
    public Result<List<EvmAddress>> eligible(Account consumer, Criterion criterion, List<Category> categories,
            Purpose purpose) {
        return bitmap(consumer, criterion, categories, purpose).map(b -> {
            List<EvmAddress> out = new ArrayList<>(b.getCardinality());
            b.forEach((int ordinal) -> directory.address(ordinal).ifPresent(out::add));
            return List.copyOf(out);
        });
    }

    private Result<RoaringBitmap> bitmap(Account consumer, Criterion criterion, List<Category> categories,
            Purpose purpose) {
        long block = sync.toHead();
        Instant now = clock.instant();
        int types = 0;
        for (Attestation a : attestations.attestationsOf(consumer.address(), block)) {
            if (!a.revokedAt(block) && a.validAt(now) && (a.purposes() & purpose.mask()) != 0) {
                types |= a.type().mask();
            }
        }
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
                consenting == null ? new RoaringBitmap() : consenting));
    }
}
