package io.salus.core.usecase.deal;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.Deal;
import io.salus.core.deal.DealMember;
import io.salus.core.deal.DealStatus;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.StagedPackage;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.MerkleTree;
import io.salus.core.port.AccountStore;
import io.salus.core.port.AuditEventFormatter;
import io.salus.core.port.AuditLog;
import io.salus.core.port.DealLedger;
import io.salus.core.port.DealPackages;
import io.salus.core.port.DealStore;
import io.salus.core.port.KeyManager;
import io.salus.core.port.RecordStore;
import io.salus.core.usecase.RecordService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Delivery and settlement of a matched deal, as a fair exchange. Staging: refused when the deadline is nearer than the
 * delivery margin; each member's consent is checked again at their net share (a patient who revoked since the match is
 * excluded and not paid); the others' records are opened (integrity-checked) and handed to {@link DealPackages}, which
 * de-identifies, packs and encrypts them under a fresh content key; every release is audited; the package's plaintext
 * and ciphertext hashes, its sealed content key, the key wrapped to the consumer and the members it holds are stored
 * in one transaction before anything is sent. Settlement: the staged members' payouts with their proofs against the
 * committed root, in chunks, the closing chunk carrying the wrapped key, which the chain releases to the consumer in
 * that transaction. A retry (after a crash, a timeout, a partial settlement) settles the same staged package and pays
 * only who is not yet paid. Thread-safe (steps of one deal are serialised).
 */
public final class DealDelivery {
    private final DealStore store;
    private final DealLedger ledger;
    private final AccountStore accounts;
    private final RecordStore records;
    private final RecordService opener;
    private final PriceCheck prices;
    private final DealPackages packages;
    private final AuditLog audit;
    private final AuditEventFormatter formatter;
    private final KeyManager keys;
    private final DealSettings settings;
    private final DealLocks locks;
    private final RandomGenerator random;
    private final Clock clock;
    /**
     * Payouts are settled grouped by their DAO treasury (the default payee first), in leaf order within one: the
     * contract sends the treasury part of each run of one DAO in one transfer.
     */
    static final Comparator<DealMember> BY_DAO = Comparator.comparing(
            (DealMember m) -> m.payout().daoTreasury().map(EvmAddress::hex).orElse(""))
            .thenComparingInt(DealMember::index);
    private final ReleaseGates gates = new ReleaseGates();

    public DealDelivery(DealStore store, DealLedger ledger, AccountStore accounts, RecordStore records,
            RecordService opener, PriceCheck prices, DealPackages packages, AuditLog audit,
            AuditEventFormatter formatter, KeyManager keys, DealSettings settings, DealLocks locks,
            RandomGenerator random, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.accounts = accounts;
        this.records = records;
        this.opener = opener;
        this.prices = prices;
        this.packages = packages;
        this.audit = audit;
        this.formatter = formatter;
        this.keys = keys;
        this.settings = settings;
        this.locks = locks;
        this.random = random;
        this.clock = clock;
    }

    /** The conditions a staged deal's settlement waits for (none but the deal's own unless added). */
    public ReleaseGates gates() {
        return gates;
    }

    /** Stages (unless staged already) and settles the deal, once its release gates allow; the deal afterwards. */
    public Result<Deal> deliver(Account actor, Hash32 dealId) {
        return locks.with(dealId, () -> DealAccess.mine(store, actor, dealId, false).flatMap(d -> switch (d.phase()) {
            case POSTED -> Result.fail(ErrorCode.DEAL_WRONG_STATE, "deal " + dealId + " has no matched cohort");
            case SUPPRESSED -> Result.fail(ErrorCode.DEAL_COHORT_SUPPRESSED, "deal " + dealId + "'s released "
                    + "cohort size was " + d.releasedSize().orElse("suppressed") + ": nothing can be delivered");
            case MATCHED -> stage(d).flatMap(this::gatedSettle);
            case STAGED -> gatedSettle(d);
            case SETTLED -> Result.ok(d);
        }));
    }

    private Result<Deal> stage(Deal d) {
        Instant chainNow = ledger.chainTime();
        if (Duration.between(chainNow, d.terms().deadline()).compareTo(settings.deliveryMargin()) < 0) {
            return Result.fail(ErrorCode.DEAL_TOO_LATE_TO_DELIVER, "deal " + d.id() + " ends " + d.terms().deadline()
                    + ", less than " + settings.deliveryMargin() + " after the chain's time " + chainNow
                    + ": nothing was delivered; the consumer gets the escrow back after the deadline");
        }
        Result<Account> consumer = DealAccess.consumerOf(accounts, d);
        if (!consumer.isOk()) {
            return Result.fail(consumer.failure());
        }
        List<DealMember> included = DealAccess.consenting(store, accounts, prices, d, consumer.orElseThrow());
        if (included.isEmpty()) {
            return Result.fail(ErrorCode.DEAL_NOTHING_TO_DELIVER, "no matched patient of deal " + d.id()
                    + " still consents: nothing was delivered");
        }
        return DealAccess.withSecret(keys, d, secret -> stageIncluded(d, consumer.orElseThrow(), included, secret));
    }

    private Result<Deal> stageIncluded(Deal d, Account consumer, List<DealMember> included, byte[] secret) {
        Map<AccountId, Account> found = accounts.findAll(included.stream().flatMap(m -> m.patient().stream())
                .toList());
        Result<List<DealPackages.PatientData>> patients = ReleasedRecords.of(records, opener, included, found,
                d.categories());
        if (!patients.isOk()) {
            return Result.fail(patients.failure());
        }
        Result<StagedPackage> staged = packages.stage(new DealPackages.Request(d.id(), secret, d.organisation(),
                consumer.encryptionPublicKey(), clock.instant()), patients.orElseThrow());
        if (!staged.isOk()) {
            return Result.fail(staged.failure());
        }
        audit.record(DealAudit.entries(accounts, formatter, random, clock, d, consumer, included,
                "released de-identified in data deal " + d.id() + " (the content key is released on chain by the "
                        + "deal's settlement)"),
                List.of());
        Set<Integer> indexes = new HashSet<>();
        included.forEach(m -> indexes.add(m.index()));
        store.staged(d.id(), staged.orElseThrow(), indexes);
        return Result.ok(store.find(d.id()).orElseThrow());
    }

    private Result<Deal> gatedSettle(Deal d) {
        return gates.check(d.id()).flatMap(ok -> settle(d));
    }

    private Result<Deal> settle(Deal d) {
        Optional<StagedPackage> staged = store.stagedPackage(d.id());
        if (staged.isEmpty()) {
            return Result.fail(ErrorCode.DEAL_WRONG_STATE, "deal " + d.id() + " has no staged package");
        }
        List<DealMember> members = store.members(d.id());
        Set<Integer> included = store.included(d.id());
        MerkleTree tree = MerkleTree.of(members.stream().map(m -> m.payout().leaf(d.id())).toList());
        List<ProvenPayout> payouts = members.stream().filter(m -> included.contains(m.index()))
                .sorted(BY_DAO).map(m -> new ProvenPayout(m.payout(), tree.proof(m.index()))).toList();
        Result<DealLedger.Settlement> settled = ledger.settle(d.id(), staged.get().hashes(), payouts,
                staged.get().wrappedKey());
        if (!settled.isOk()) {
            if (settled.failure().code() == ErrorCode.DEAL_ALREADY_SETTLED && ledger.deal(d.id())
                    .filter(s -> s.status() == DealStatus.SETTLED).isPresent()) {
                store.settled(d.id(), List.of());
                return Result.ok(store.find(d.id()).orElseThrow());
            }
            return Result.fail(settled.failure());
        }
        store.settled(d.id(), settled.orElseThrow().txs().stream()
                .map(t -> new Deal.DealTx("settle", t.txHash(), t.blockNumber())).toList());
        return Result.ok(store.find(d.id()).orElseThrow());
    }

}
