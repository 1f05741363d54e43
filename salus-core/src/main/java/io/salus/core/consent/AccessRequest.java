package io.salus.core.consent;

import io.salus.core.account.EvmAddress;
import io.salus.core.record.Category;
import java.time.Instant;

/**
 * One question for the decision point: may {@code requester} read {@code category} data of {@code patient} for
 * {@code purpose}, at time {@code at}, as of chain block {@code block}?
 */
public record AccessRequest(EvmAddress requester, EvmAddress patient, Category category, Purpose purpose, Instant at,
        long block) {
}
