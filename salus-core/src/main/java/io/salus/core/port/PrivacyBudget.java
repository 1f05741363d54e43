package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.error.Result;
import io.salus.core.privacy.Charge;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.Remaining;
import java.util.List;
import java.util.Optional;

/**
 * The differential-privacy budget of each consumer organisation. Accounts belong to one organisation, fixed once; all
 * accounts of an organisation draw on one budget, so opening a new account does not reset it. The budget is a total
 * epsilon per period (consecutive windows of a fixed length): it renews at the start of each period, and nothing spent
 * carries over. One query may spend at most the node's per-query cap. Every charge is one transaction: the balance never
 * goes below zero, even under concurrent queries, and each charge is kept in an append-only ledger. Thread-safe.
 */
public interface PrivacyBudget {

    /**
     * Puts an account in an organisation (creating the organisation's budget with the default total on first sight).
     * Idempotent for the same organisation.
     *
     * @return the organisation name as stored; {@code ORGANISATION_ALREADY_ASSIGNED} if the account belongs to another
     *         organisation, {@code ACCOUNT_NOT_FOUND}, or {@code INVALID_REQUEST} for a malformed name
     */
    Result<String> assign(AccountId account, String organisation);

    Optional<String> organisationOf(AccountId account);

    /**
     * Spends {@code eps} of the consumer's organisation's budget for the query with this digest, and records it.
     *
     * @return the budget after the charge; {@code EPSILON_ABOVE_CAP} (nothing spent) if {@code eps} is above the
     *         per-query cap, {@code PRIVACY_BUDGET_EXHAUSTED} (nothing spent) if it does not fit in this period,
     *         {@code NOT_A_CONSUMER} if the account has no organisation, {@code ACCOUNT_NOT_FOUND}, or
     *         {@code INVALID_REQUEST} for a malformed digest
     */
    Result<Remaining> charge(AccountId consumer, Epsilon eps, String queryDigest);

    /**
     * Spends {@code eps} of an organisation's budget at this node for a requester of another node of the alliance
     * (its home node vouches for the requester and the organisation), creating the organisation's budget on first
     * sight; the same budget its local accounts draw on.
     *
     * @return as {@link #charge}, without the account failures
     */
    Result<Remaining> chargeOrganisation(String organisation, String remoteRequester, Epsilon eps, String queryDigest);

    /** The budget of an organisation in the current period, or empty if no account was ever assigned to it. */
    Optional<Remaining> remaining(String organisation);

    /** The budget of the account's organisation, or empty if it has none. */
    default Optional<Remaining> remainingFor(AccountId account) {
        return organisationOf(account).flatMap(this::remaining);
    }

    /** The organisation's ledger, newest first, at most {@code limit} entries. */
    List<Charge> charges(String organisation, int limit);
}
