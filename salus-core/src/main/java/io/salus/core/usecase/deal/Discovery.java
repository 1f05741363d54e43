package io.salus.core.usecase.deal;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hashing;
import io.salus.core.port.CohortQuery;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.privacy.CountRelease;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.NoisyCount;
import io.salus.core.privacy.Remaining;
import io.salus.core.record.Category;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cohort discovery: the consenting patients matching the criteria, counted ({@link CohortQuery}), charged to the
 * consumer organisation's privacy budget, and released through the discrete Laplace mechanism with small cells
 * suppressed. The charge comes first: a failure after it costs budget but never releases an uncharged count.
 * Thread-safe.
 */
public final class Discovery {
    private final CohortQuery cohorts;
    private final PrivacyBudget budget;
    private final CountRelease release;

    public Discovery(CohortQuery cohorts, PrivacyBudget budget, CountRelease release) {
        this.cohorts = cohorts;
        this.budget = budget;
        this.release = release;
    }

    public record Count(NoisyCount count, Epsilon epsilon, Remaining remaining) {
    }

    public Result<Count> count(Account consumer, byte[] criteriaJson, List<Category> categories, Purpose purpose,
            String epsilon) {
        if (consumer.kind() != AccountKind.CONSUMER) {
            return Result.fail(ErrorCode.NOT_A_CONSUMER, "only consumer accounts discover cohorts");
        }
        if (categories.isEmpty()) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "name at least one data category");
        }
        return Epsilon.parse(epsilon).flatMap(eps -> cohorts.parse(criteriaJson).flatMap(criterion -> {
            Result<Long> exact = cohorts.count(consumer, criterion, categories, purpose);
            if (!exact.isOk()) {
                return Result.fail(exact.failure());
            }
            String digest = digest(new String(criteriaJson, StandardCharsets.UTF_8), categories, purpose);
            return budget.charge(consumer.id(), eps, digest)
                    .map(remaining -> new Count(release.release(exact.orElseThrow(), eps), eps, remaining));
        }));
    }

    /** The digest a count's charge is recorded under: of the criteria, the categories and the purpose. */
    public static String digest(String criteriaJson, List<Category> categories, Purpose purpose) {
        return Hashing.sha256((criteriaJson + "|" + categories + "|" + purpose).getBytes(StandardCharsets.UTF_8))
                .hex();
    }
}
