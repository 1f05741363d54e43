package io.salus.core.usecase.deal;

import io.salus.core.account.Account;
import io.salus.core.deal.Deal;
import io.salus.core.deal.DealMember;
import io.salus.core.deal.DealPhase;
import io.salus.core.deal.StagedPackage;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AccountStore;
import io.salus.core.port.AuditEventFormatter;
import io.salus.core.port.AuditLog;
import io.salus.core.port.DealPackages;
import io.salus.core.port.DealStore;
import io.salus.core.port.KeyManager;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A computed result delivered as a deal's package, so a compute job is paid and released exactly like a data deal
 * (decision 0012): the consumer's matched deal, its members who still consent at their net share (as at delivery),
 * and the result staged under a fresh content key, wrapped to the consumer, with those members as the patients the
 * settlement pays. The deal is then STAGED; {@link DealDelivery#deliver} settles it, and the result is served only
 * with the key the closing settlement released on chain ({@link DealQueries#packageBytes}). Each member's use is
 * audited per category, as a delivery is. Thread-safe (steps of one
 * deal are serialised with the deal's own).
 */
public final class DealResults {
    private final DealStore store;
    private final AccountStore accounts;
    private final PriceCheck prices;
    private final DealPackages packages;
    private final KeyManager keys;
    private final DealLocks locks;
    private final AuditLog audit;
    private final AuditEventFormatter formatter;
    private final RandomGenerator random;
    private final Clock clock;

    public DealResults(DealStore store, AccountStore accounts, PriceCheck prices, DealPackages packages,
            KeyManager keys, DealLocks locks, AuditLog audit, AuditEventFormatter formatter, RandomGenerator random,
            Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.prices = prices;
        this.packages = packages;
        this.keys = keys;
        this.locks = locks;
        this.audit = audit;
        this.formatter = formatter;
        this.random = random;
        this.clock = clock;
    }

    /** A matched deal's consumer and the members who still consent, with their accounts. */
    public record Cohort(Deal deal, Account consumer, List<DealMember> members, List<Account> patients) {
        public Cohort {
            members = List.copyOf(members);
            patients = List.copyOf(patients);
        }
    }

    /** The consumer's deal, if it is matched (its cohort root committed) and its package not yet fixed. */
    public Result<Deal> matched(Account actor, Hash32 dealId) {
        return DealAccess.mine(store, actor, dealId, false).flatMap(d -> d.phase() == DealPhase.MATCHED
                ? Result.ok(d)
                : Result.fail(ErrorCode.JOB_DEAL_NOT_READY, "deal " + dealId + " is " + d.phase()
                        + ": a job needs a matched deal whose package is not yet fixed"));
    }

    /** The deal's members who consent now, for a job of its consumer; {@code JOB_DEAL_NOT_READY} unless matched. */
    public Result<Cohort> consenting(Account actor, Hash32 dealId) {
        return matched(actor, dealId).flatMap(d -> DealAccess.consumerOf(accounts, d).map(consumer -> {
            List<DealMember> members = DealAccess.consenting(store, accounts, prices, d, consumer);
            return new Cohort(d, consumer, members, members.stream()
                    .map(m -> m.patient().flatMap(accounts::find).orElseThrow()).toList());
        }));
    }

    /**
     * Stages {@code content} as the deal's package paying the cohort's members, under the deal's lock and only while
     * the deal is still matched; the deal is STAGED afterwards.
     */
    public Result<StagedPackage> stage(Cohort cohort, byte[] content) {
        Hash32 id = cohort.deal().id();
        return locks.with(id, () -> matched(cohort.consumer(), id).flatMap(d -> DealAccess.withSecret(keys, d,
                (Function<byte[], Result<StagedPackage>>) secret -> packages.stageContent(new DealPackages.Request(
                        id, secret, d.organisation(), cohort.consumer().encryptionPublicKey(), clock.instant()),
                        content, cohort.members().size()))
                .flatMap(staged -> {
                    Set<Integer> indexes = new HashSet<>();
                    cohort.members().forEach(m -> indexes.add(m.index()));
                    audit.record(DealAudit.entries(accounts, formatter, random, clock, d, cohort.consumer(),
                            cohort.members(), "used by a compute job over data deal " + id + ": only its "
                                    + "differentially private aggregate leaves, released by the deal's settlement"),
                            List.of());
                    store.staged(id, staged, indexes);
                    return Result.ok(staged);
                })));
    }
}
