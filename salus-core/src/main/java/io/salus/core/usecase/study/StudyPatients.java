package io.salus.core.usecase.study;

import io.salus.core.account.Account;
import io.salus.core.account.EvmAddress;
import io.salus.core.compute.LogisticModel;
import io.salus.core.deal.Payout;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.port.AccountStore;
import io.salus.core.port.CohortQuery;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.study.LocalUpdate;
import io.salus.core.study.StudyTerms;
import io.salus.core.usecase.job.CohortReader;
import io.salus.core.usecase.deal.DealResults;
import io.salus.core.usecase.federation.MemberCounts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whose data a member trains on in a round, found again every round: at the coordinating node, the deal's members who
 * consent now at their net share (as a job's cohort, {@link DealResults#consenting}; they are the patients its
 * settlement pays); at another member, its own patients who match the deal's criteria and whose standing consent covers
 * the categories for the consumer's on-chain attestations and purpose now ({@link CohortQuery#eligible}). And the
 * study's ε, charged once to the consumer organisation's budget at this node. Thread-safe.
 */
public final class StudyPatients implements StudyMember.RowSource {
    private final CohortQuery cohorts;
    private final CohortReader reader;
    private final AccountStore accounts;
    private final DealResults deals;
    private final PrivacyBudget budget;
    private final StudyPayees payees;
    private final EvmAddress self;
    private final long chainId;
    private final Clock clock;

    public StudyPatients(CohortQuery cohorts, CohortReader reader, AccountStore accounts, DealResults deals,
            PrivacyBudget budget, StudyPayees payees, EvmAddress self, long chainId, Clock clock) {
        this.payees = payees;
        this.cohorts = cohorts;
        this.reader = reader;
        this.accounts = accounts;
        this.deals = deals;
        this.budget = budget;
        this.self = self;
        this.chainId = chainId;
        this.clock = clock;
    }

    @Override
    public Result<List<LogisticModel.Row>> rows(Member from, StudyTerms t, int round) {
        return local(from, t, round).map(StudyMember.Local::rows);
    }

    @Override
    public Result<StudyMember.Local> local(Member from, StudyTerms t, int round) {
        Result<Boolean> charged = round == 0 ? charge(from, t) : Result.ok(true);
        return charged.flatMap(ok -> consenting(from, t)).flatMap(cohort -> reader.read(cohort, t.categories(),
                t.spec().columns()).map(columns -> {
                    List<Account> used = new ArrayList<>();
                    for (int r = 0; r < cohort.size(); r++) {
                        if (LocalUpdate.complete(t.spec(), columns, r)) {
                            used.add(cohort.get(r));
                        }
                    }
                    return new StudyMember.Local(LocalUpdate.rows(t.spec(), columns), used);
                }));
    }

    @Override
    public Result<List<Payout>> payees(StudyTerms t, List<Account> contributors) {
        return Result.ok(payees.payouts(t, contributors));
    }

    /** The patients this node trains on now. */
    public Result<List<Account>> consenting(Member from, StudyTerms t) {
        if (from.node().equals(self)) {
            return consumer(t).flatMap(c -> deals.consenting(c, t.deal()).map(DealResults.Cohort::patients));
        }
        Account consumer = MemberCounts.remote(t.consumer(), chainId, clock);
        return cohorts.parse(t.criteriaJson()).flatMap(criterion -> cohorts.eligible(consumer, criterion,
                t.categories(), t.purpose())).map(addresses -> {
                    List<Account> out = new ArrayList<>();
                    addresses.forEach(a -> accounts.findByAddress(a).ifPresent(out::add));
                    return out;
                });
    }

    /** Charges the study's ε to the consumer's organisation here, once per study (its digest names the study). */
    public Result<Boolean> charge(Member from, StudyTerms t) {
        String digest = "study|" + t.study();
        if (from.node().equals(self)) {
            return consumer(t).flatMap(c -> budget.charge(c.id(), t.spec().epsilon(), digest)).map(r -> true);
        }
        return budget.chargeOrganisation(t.organisation(), t.consumer().hex() + "@" + from.node().hex(),
                t.spec().epsilon(), digest).map(r -> true);
    }

    private Result<Account> consumer(StudyTerms t) {
        Optional<Account> c = accounts.findByAddress(t.consumer());
        return c.<Result<Account>>map(Result::ok).orElseGet(() -> Result.fail(ErrorCode.ACCOUNT_NOT_FOUND,
                "the study's consumer " + t.consumer() + " is not an account of this node"));
    }
}
