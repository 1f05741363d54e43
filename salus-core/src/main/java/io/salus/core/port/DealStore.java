package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.deal.Claim;
import io.salus.core.deal.Deal;
import io.salus.core.deal.DealMember;
import io.salus.core.deal.StagedPackage;
import io.salus.core.merkle.Hash32;
import io.salus.core.privacy.Epsilon;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The node's deal state: deals with their phase, the matched cohorts (one row per member), the staged packages and
 * the deals' transactions. The chain keeps the terms, escrow, root and payments; this keeps what must not go on chain
 * (criteria, secrets, who is in the cohort). Phase changes are guarded: a transition from the wrong phase is a
 * {@link io.salus.core.error.SalusException} (a bug), so a caller serialises the steps of one deal. Thread-safe.
 */
public interface DealStore {

    /** Records a posted deal (phase POSTED). */
    void create(Deal deal);

    Optional<Deal> find(Hash32 dealId);

    /** A consumer's deals, newest first. */
    List<Deal> byConsumer(AccountId consumer);

    /** The released size was suppressed (POSTED or SUPPRESSED → SUPPRESSED): nothing was committed. */
    void suppressed(Hash32 dealId, String releasedSize, Epsilon epsilon);

    /** The cohort is matched and committed (POSTED or SUPPRESSED → MATCHED): members and root, one transaction. */
    void matched(Hash32 dealId, String releasedSize, Epsilon epsilon, Hash32 root, List<DealMember> members,
            Deal.DealTx commit);

    /** The members of the committed cohort, by leaf index. */
    List<DealMember> members(Hash32 dealId);

    /** The package is staged (MATCHED → STAGED): its hashes and keys and the members it holds, one transaction. */
    void staged(Hash32 dealId, StagedPackage staged, Set<Integer> included);

    Optional<StagedPackage> stagedPackage(Hash32 dealId);

    /** The leaf indexes of the members the staged package holds. */
    Set<Integer> included(Hash32 dealId);

    /** The closing settlement is mined (STAGED → SETTLED), with the settlement's transactions. */
    void settled(Hash32 dealId, List<Deal.DealTx> txs);

    /** Records a transaction of the deal (a refund). */
    void addTx(Hash32 dealId, Deal.DealTx tx);

    /** Where an account is paid: its claim addresses as a patient or a caregiver, in every deal. */
    List<Claim> claimsOf(AccountId account);

    /** The deals whose cohort holds the patient (a member row names them), in any phase. */
    List<Hash32> dealsOf(AccountId patient);

    /**
     * Erasure of a patient from one deal, one transaction: their member row keeps its leaf (it is committed) but no
     * longer names them, so no later delivery includes or pays them. A STAGED deal whose settlement has not begun on
     * chain ({@code settling} false) loses its staged package and goes back to MATCHED, to be staged again without
     * them. In a deal whose settlement began or ended, the deal's secret is deleted too, so their pseudonym can no
     * longer be recomputed. Idempotent.
     *
     * @return whether a staged package was dropped (its staged file must be deleted)
     */
    boolean unlink(Hash32 dealId, AccountId patient, boolean settling);
}
