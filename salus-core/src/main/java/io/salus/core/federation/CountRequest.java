package io.salus.core.federation;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import java.util.List;
import java.util.Objects;

/**
 * What a home node asks a member for one federated count: the member it is addressed to ({@code audience}; a request
 * for another member is refused, so it cannot be replayed elsewhere), the consumer (an account whose home is the
 * asking node) and its organisation, and the query. Immutable.
 */
public record CountRequest(EvmAddress audience, EvmAddress consumer, String organisation, byte[] criteriaJson,
        List<Category> categories, Purpose purpose, String epsilon) {
    public CountRequest {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(epsilon, "epsilon");
        criteriaJson = criteriaJson.clone();
        categories = List.copyOf(categories);
    }

    @Override
    public byte[] criteriaJson() {
        return criteriaJson.clone();
    }
}
