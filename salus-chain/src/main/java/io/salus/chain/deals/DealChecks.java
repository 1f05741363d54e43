package io.salus.chain.deals;

import io.salus.core.deal.DealState;
import io.salus.core.deal.DealStatus;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What DataDeals will check, checked first against the deal's state and the latest block's time, so an expected
 * refusal costs no transaction. Stateless and thread-safe.
 */
final class DealChecks {
    private static final String ZERO_ADDRESS = "0x" + "0".repeat(40);

    private DealChecks() {
    }

    static Result<DealTerms> post(Hash32 dealId, DealTerms terms, Instant now) {
        if (dealId.equals(Hash32.ZERO)) {
            return Result.fail(ErrorCode.DEAL_INVALID_TERMS, "dealId: not zero");
        }
        return terms.validate(now);
    }

    static Result<DealState> commit(Hash32 dealId, Optional<DealState> deal, Hash32 root, int count, Instant now) {
        if (deal.isEmpty()) {
            return notFound(dealId);
        }
        DealState d = deal.get();
        if (d.status() != DealStatus.OPEN) {
            return Result.fail(ErrorCode.DEAL_ALREADY_COMMITTED, "deal " + dealId + " has a committed cohort");
        }
        if (now.isAfter(d.terms().deadline())) {
            return Result.fail(ErrorCode.DEAL_DEADLINE_PASSED, "deal " + dealId + " ended " + d.terms().deadline());
        }
        if (root.equals(Hash32.ZERO) || count <= 0) {
            return Result.fail(ErrorCode.DEAL_INVALID_PAYOUT, "a cohort has a Merkle root and at least one patient");
        }
        if (count > d.terms().maxPatients()) {
            return Result.fail(ErrorCode.DEAL_COHORT_TOO_LARGE, count + " patients, the deal pays for at most "
                    + d.terms().maxPatients());
        }
        return Result.ok(d);
    }

    /** The payouts still to pay (those after the ones already paid), or the failure. */
    static Result<List<Payout>> settle(Hash32 dealId, Optional<DealState> deal, Hash32 packageHash,
            List<Payout> payouts, Instant now) {
        if (deal.isEmpty()) {
            return notFound(dealId);
        }
        DealState d = deal.get();
        switch (d.status()) {
            case OPEN -> {
                return Result.fail(ErrorCode.DEAL_WRONG_STATE, "deal " + dealId + " has no committed cohort");
            }
            case SETTLED -> {
                return Result.fail(ErrorCode.DEAL_ALREADY_SETTLED, "deal " + dealId + " is settled");
            }
            case SETTLING -> {
                if (!d.packageHash().equals(Optional.of(packageHash))) {
                    return Result.fail(ErrorCode.DEAL_PACKAGE_MISMATCH, "deal " + dealId + " is being settled for "
                            + "package " + d.packageHash().map(Hash32::hex).orElse("?"));
                }
            }
            case COMMITTED -> {
            }
        }
        if (packageHash.equals(Hash32.ZERO)) {
            return Result.fail(ErrorCode.DEAL_INVALID_PAYOUT, "packageHash: not zero");
        }
        if (now.isAfter(d.terms().deadline())) {
            return Result.fail(ErrorCode.DEAL_DEADLINE_PASSED, "deal " + dealId + " ended " + d.terms().deadline());
        }
        if (payouts.size() > d.cohortSize()) {
            return Result.fail(ErrorCode.DEAL_COHORT_TOO_LARGE, payouts.size() + " payouts, the committed cohort has "
                    + d.cohortSize());
        }
        if (payouts.size() < d.paidPatients()) {
            return Result.fail(ErrorCode.DEAL_INVALID_PAYOUT, d.paidPatients() + " patients are paid already, more "
                    + "than the " + payouts.size() + " payouts given");
        }
        for (int i = 0; i < payouts.size(); i++) {
            Payout p = payouts.get(i);
            if (p.patient().hex().equals(ZERO_ADDRESS)
                    || p.caregiver().map(c -> c.hex().equals(ZERO_ADDRESS)).orElse(false)
                    || p.providers().stream().map(ProviderShare::provider)
                            .anyMatch(a -> a.hex().equals(ZERO_ADDRESS))) {
                return Result.fail(ErrorCode.DEAL_INVALID_PAYOUT, "payout " + i + " names the zero address");
            }
        }
        return Result.ok(payouts.subList(d.paidPatients(), payouts.size()));
    }

    static Result<DealState> refund(Hash32 dealId, Optional<DealState> deal, Instant now) {
        if (deal.isEmpty()) {
            return notFound(dealId);
        }
        DealState d = deal.get();
        if (d.refunded() > 0) {
            return Result.fail(ErrorCode.DEAL_ALREADY_REFUNDED, "deal " + dealId + " was refunded");
        }
        if (!now.isAfter(d.terms().deadline())) {
            return Result.fail(ErrorCode.DEAL_DEADLINE_NOT_REACHED, "deal " + dealId + " runs until "
                    + d.terms().deadline());
        }
        if (d.escrow() == 0) {
            return Result.fail(ErrorCode.DEAL_NOTHING_TO_REFUND, "deal " + dealId + " holds no escrow");
        }
        return Result.ok(d);
    }

    private static <T> Result<T> notFound(Hash32 dealId) {
        return Result.fail(ErrorCode.DEAL_NOT_FOUND, "no deal " + dealId);
    }
}
