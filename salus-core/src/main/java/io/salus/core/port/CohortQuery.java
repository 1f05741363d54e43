package io.salus.core.port;

import io.salus.core.account.Account;
import io.salus.core.account.EvmAddress;
import io.salus.core.cohort.Criterion;
import io.salus.core.consent.Purpose;
import io.salus.core.error.Result;
import io.salus.core.record.Category;
import java.util.List;

/**
 * The patients who match cohort criteria and whose standing consent covers every category asked for the consumer's
 * attested types and purpose now (consent projection synced to the chain head). Exact answers, never released as
 * such: a caller releases only differentially private sizes. {@code NO_ATTESTATION} when the consumer holds no valid
 * attestation for the purpose. Thread-safe.
 */
public interface CohortQuery {

    /** Parses criteria JSON (see docs/cohorts.md); {@code INVALID_REQUEST} naming the element at fault. */
    Result<Criterion> parse(byte[] criteriaJson);

    /** How many consenting patients match. */
    Result<Long> count(Account consumer, Criterion criterion, List<Category> categories, Purpose purpose);

    /** The consenting patients who match, by address, in a stable order. */
    Result<List<EvmAddress>> eligible(Account consumer, Criterion criterion, List<Category> categories,
            Purpose purpose);
}
