package io.salus.chain.deals;

import io.salus.core.account.EvmAddress;
import io.salus.core.deal.DealState;
import io.salus.core.deal.DealStatus;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.deal.SplitPolicy;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.MerkleTree;
import io.salus.core.port.DealLedger.PackageHashes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What DataDeals will check, checked first against the deal's state and the latest block's time, so an expected
 * refusal costs no transaction. Stateless and thread-safe.
 */
final class DealChecks {
    /** DataDeals' COMPLETION_WINDOW: how long after the deadline a settlement begun before it may be completed. */
    static final Duration COMPLETION_WINDOW = Duration.ofDays(7);
    private static final String ZERO_ADDRESS = "0x" + "0".repeat(40);

    private DealChecks() {
    }

    static Result<DealTerms> post(Hash32 dealId, DealTerms terms, SplitPolicy policy, Instant now) {
        if (dealId.equals(Hash32.ZERO)) {
            return Result.fail(ErrorCode.DEAL_INVALID_TERMS, "dealId: not zero");
        }
        Result<DealTerms> valid = terms.validate(now);
        if (!valid.isOk()) {
            return valid;
        }
        return policy.check(terms.split()).map(s -> terms);
    }

    static Result<DealState> commit(Hash32 dealId, Optional<DealState> deal, Hash32 root, Instant now) {
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
        if (root.equals(Hash32.ZERO)) {
            return Result.fail(ErrorCode.DEAL_INVALID_PAYOUT, "a cohort has a non-zero Merkle root");
        }
        return Result.ok(d);
    }

    /** The deal, if a settlement of these hashes may be sent now. */
    static Result<DealState> settle(Hash32 dealId, Optional<DealState> deal, PackageHashes hashes, byte[] wrappedKey,
            Instant now) {
        if (deal.isEmpty()) {
            return notFound(dealId);
        }
        DealState d = deal.get();
        Instant deadline = d.terms().deadline();
        switch (d.status()) {
            case OPEN -> {
                return Result.fail(ErrorCode.DEAL_WRONG_STATE, "deal " + dealId + " has no committed cohort");
            }
            case SETTLED -> {
                return Result.fail(ErrorCode.DEAL_ALREADY_SETTLED, "deal " + dealId + " is settled");
            }
            case SETTLING -> {
                if (!d.packageHash().equals(Optional.of(hashes.plaintext()))
                        || !d.ciphertextHash().equals(Optional.of(hashes.ciphertext()))) {
                    return Result.fail(ErrorCode.DEAL_PACKAGE_MISMATCH, "deal " + dealId + " is being settled for "
                            + "package " + d.packageHash().map(Hash32::hex).orElse("?"));
                }
                if (now.isAfter(deadline.plus(COMPLETION_WINDOW))) {
                    return Result.fail(ErrorCode.DEAL_DEADLINE_PASSED, "deal " + dealId + "'s settlement could be "
                            + "completed until " + deadline.plus(COMPLETION_WINDOW));
                }
            }
            case COMMITTED -> {
                if (now.isAfter(deadline)) {
                    return Result.fail(ErrorCode.DEAL_DEADLINE_PASSED, "deal " + dealId + " ended " + deadline);
                }
            }
        }
        if (hashes.plaintext().equals(Hash32.ZERO) || hashes.ciphertext().equals(Hash32.ZERO)) {
            return Result.fail(ErrorCode.DEAL_INVALID_PAYOUT, "the package hashes are not zero");
        }
        if (wrappedKey.length == 0) {
            return Result.fail(ErrorCode.DEAL_INVALID_PAYOUT, "the closing chunk releases a wrapped content key");
        }
        return Result.ok(d);
    }

    /**
     * The payouts still to pay (those whose patient payee is not in {@code paid}, in order), or the failure: a payout
     * naming the zero address, a patient payee twice, a leaf outside the committed root, or more patients than the
     * deal pays for.
     */
    static Result<List<ProvenPayout>> unpaid(DealState d, List<ProvenPayout> payouts, Set<EvmAddress> paid) {
        Hash32 root = d.cohortRoot().orElse(Hash32.ZERO);
        Set<EvmAddress> seen = new HashSet<>();
        List<ProvenPayout> rest = new ArrayList<>();
        for (int i = 0; i < payouts.size(); i++) {
            Payout p = payouts.get(i).payout();
            if (isZero(p.patient()) || p.caregiver().map(DealChecks::isZero).orElse(false)
                    || p.providers().stream().map(ProviderShare::provider).anyMatch(DealChecks::isZero)) {
                return Result.fail(ErrorCode.DEAL_INVALID_PAYOUT, "payout " + i + " names the zero address");
            }
            if (!seen.add(p.patient())) {
                return Result.fail(ErrorCode.DEAL_ALREADY_PAID, "payout " + i + " pays " + p.patient() + " again");
            }
            if (!MerkleTree.verify(root, p.leaf(d.dealId()), payouts.get(i).proof())) {
                return Result.fail(ErrorCode.DEAL_NOT_IN_COHORT, "payout " + i + " is not in the committed cohort");
            }
            if (!paid.contains(p.patient())) {
                rest.add(payouts.get(i));
            }
        }
        if ((long) d.paidPatients() + rest.size() > d.terms().maxPatients()) {
            return Result.fail(ErrorCode.DEAL_COHORT_TOO_LARGE, (d.paidPatients() + rest.size()) + " patients, the "
                    + "deal pays for at most " + d.terms().maxPatients());
        }
        return Result.ok(rest);
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
        if (d.status() == DealStatus.SETTLING && !now.isAfter(d.terms().deadline().plus(COMPLETION_WINDOW))) {
            return Result.fail(ErrorCode.DEAL_SETTLEMENT_IN_PROGRESS, "deal " + dealId + " is being settled; its "
                    + "escrow can be refunded after " + d.terms().deadline().plus(COMPLETION_WINDOW));
        }
        if (d.escrow() == 0) {
            return Result.fail(ErrorCode.DEAL_NOTHING_TO_REFUND, "deal " + dealId + " holds no escrow");
        }
        return Result.ok(d);
    }

    private static boolean isZero(EvmAddress a) {
        return a.hex().equals(ZERO_ADDRESS);
    }

    private static <T> Result<T> notFound(Hash32 dealId) {
        return Result.fail(ErrorCode.DEAL_NOT_FOUND, "no deal " + dealId);
    }
}
