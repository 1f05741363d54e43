package io.salus.core.usecase.fdeal;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.CriteriaCommitment;
import io.salus.core.deal.DealMember;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.StagedPackage;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.fdeal.FederatedDealState;
import io.salus.core.fdeal.PartAnswer;
import io.salus.core.fdeal.PartRequest;
import io.salus.core.fdeal.StoredPart;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.MerkleTree;
import io.salus.core.port.DealPackages;
import io.salus.core.port.FederatedDealLedger;
import io.salus.core.port.FederatedDealLedgers;
import io.salus.core.port.FederatedPartStore;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.NoisyCount;
import io.salus.core.record.Category;
import io.salus.core.usecase.federation.MemberCounts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A member's part of a federated deal (decision 0035), asked by the consumer's home node over the signed channel. The
 * request must be addressed to this node, the consumer's home on chain must be the asking node, the escrow must be a
 * FederatedDeals of this alliance, and the criteria must open the deal's on-chain commitment; the terms are the
 * chain's. Then, as a local deal's match and delivery: the ε is charged to the consumer organisation's budget at this
 * member, its consenting patients who match at their net share are released only as a noisy size (a suppressed size
 * commits nothing), at most the allotment of them form the sub-cohort whose root is committed, their records are
 * de-identified and staged encrypted to the consumer, audited, stored, and settled from the one escrow, the closing
 * chunk releasing the part's key. A repeated request resumes a stored part's settlement. Thread-safe per deal.
 */
public final class FederatedPartDelivery {
    private final PartMatcher matcher;
    private final FederatedDealLedgers ledgers;
    private final FederatedPartStore store;
    private final DealPackages packages;
    private final MemberDirectory directory;
    private final PartRelease release;
    private final EvmAddress self;
    private final long chainId;
    private final Clock clock;

    public FederatedPartDelivery(PartMatcher matcher, FederatedDealLedgers ledgers, FederatedPartStore store,
            DealPackages packages, MemberDirectory directory, PartRelease release,
            EvmAddress self, long chainId, Clock clock) {
        this.matcher = matcher;
        this.ledgers = ledgers;
        this.store = store;
        this.packages = packages;
        this.directory = directory;
        this.release = release;
        this.self = self;
        this.chainId = chainId;
        this.clock = clock;
    }

    public Result<PartAnswer> deliver(Member from, PartRequest r) {
        synchronized (this) {
            Result<Member> asker = MemberCounts.speaksFor(directory, self, from, r.audience(), r.consumer());
            if (!asker.isOk()) {
                return asker.propagate();
            }
            Result<FederatedDealLedger> ledger = ledgers.at(r.contract());
            if (!ledger.isOk()) {
                return ledger.propagate();
            }
            Optional<StoredPart> stored = store.part(r.dealId());
            if (stored.isPresent()) {
                return settle(ledger.orElseThrow(), stored.get());
            }
            Optional<FederatedDealState> deal = ledger.orElseThrow().deal(r.dealId());
            if (deal.isEmpty() || !deal.get().consumer().equals(r.consumer())
                    || !CriteriaCommitment.of(r.salt(), r.criteria()).equals(deal.get().terms().criteriaCommitment())) {
                return Result.fail(ErrorCode.FDEAL_TERMS_MISMATCH, "deal " + r.dealId() + " on " + r.contract()
                        + " is not this consumer's or its criteria commitment does not open with these criteria");
            }
            if (r.cap() <= 0) {
                return Result.fail(ErrorCode.INVALID_REQUEST, "an allotment of at least one patient");
            }
            return Epsilon.parse(r.epsilon()).flatMap(eps -> matchAndStage(ledger.orElseThrow(), from, r,
                    deal.get().terms(), eps));
        }
    }

    private Result<PartAnswer> matchAndStage(FederatedDealLedger ledger, Member from, PartRequest r, DealTerms terms,
            Epsilon eps) {
        Account consumer = MemberCounts.remote(r.consumer(), chainId, clock);
        List<Category> categories = Arrays.stream(Category.values())
                .filter(c -> (terms.categories() & c.mask()) != 0).toList();
        Result<PartMatcher.Matched> matched = matcher.match(r, from.node(), consumer, terms, categories, eps);
        if (!matched.isOk()) {
            return matched.propagate();
        }
        PartMatcher.Matched m = matched.orElseThrow();
        if (m.size() instanceof NoisyCount.FewerThan) {
            return Result.ok(PartAnswer.suppressed(self, m.size().display()));
        }
        List<Payout> payouts = m.members().stream().map(DealMember::payout).toList();
        Hash32 root = MerkleTree.of(payouts.stream().map(p -> p.leaf(r.dealId())).toList()).root();
        Result<?> committed = ledger.commitPart(r.dealId(), root, r.cap());
        if (!committed.isOk()) {
            return committed.propagate();
        }
        Account withKey = new Account(consumer.id(), AccountKind.CONSUMER, consumer.displayName(), r.consumer(),
                consumer.did(), r.consumerPublicKey(), consumer.createdAt());
        Result<StagedPackage> staged = release.stage(r, terms, categories, withKey, m);
        if (!staged.isOk()) {
            return staged.propagate();
        }
        StoredPart part = new StoredPart(r.dealId(), r.contract(), from.node(), r.consumer(), m.size().display(),
                r.cap(), payouts, staged.orElseThrow(), false);
        store.staged(part);
        return settle(ledger, part);
    }

    private Result<PartAnswer> settle(FederatedDealLedger ledger, StoredPart part) {
        MerkleTree tree = MerkleTree.of(part.payouts().stream().map(p -> p.leaf(part.dealId())).toList());
        List<ProvenPayout> proven = new ArrayList<>();
        for (int i = 0; i < part.payouts().size(); i++) {
            proven.add(new ProvenPayout(part.payouts().get(i), tree.proof(i)));
        }
        if (!part.settled()) {
            Result<?> settled = ledger.settlePart(part.dealId(), part.staged().hashes(), proven,
                    part.staged().wrappedKey());
            if (!settled.isOk()) {
                return settled.propagate();
            }
            store.settled(part.dealId());
        }
        return Result.ok(new PartAnswer(self, PartAnswer.Status.DELIVERED, part.released(), tree.root(), part.cap(),
                part.payouts().size(), part.staged().plaintextKeccak(), part.staged().ciphertextSha256()));
    }

    /**
     * The settled part's package for the consumer's home node, its key slot filled with the key the chain released
     * (never the node's own copy): refused before the part is settled on chain, and to any node but the home.
     */
    public Result<byte[]> partPackage(Member from, EvmAddress audience, Hash32 dealId) {
        if (!audience.equals(self)) {
            return Result.fail(ErrorCode.NODE_WRONG_AUDIENCE, "the request is addressed to " + audience);
        }
        Optional<StoredPart> part = store.part(dealId).filter(p -> p.home().equals(from.node()));
        if (part.isEmpty()) {
            return Result.fail(ErrorCode.FDEAL_NOT_FOUND, "this node has no part of deal " + dealId + " for node "
                    + from.node());
        }
        return ledgers.at(part.get().contract()).flatMap(l -> l.keyRelease(dealId, self)
                .<Result<byte[]>>map(key -> packages.released(dealId, key).<Result<byte[]>>map(Result::ok)
                        .orElseGet(() -> Result.fail(ErrorCode.FDEAL_NOT_FOUND, "the part's package is gone")))
                .orElseGet(() -> Result.fail(ErrorCode.FDEAL_PART_NOT_SETTLED, "this node's part of deal " + dealId
                        + " is not settled on chain")));
    }
}
