package io.salus.core.usecase.study;

import io.salus.core.account.Account;
import io.salus.core.account.EvmAddress;
import io.salus.core.compute.LogisticModel;
import io.salus.core.deal.Deal;
import io.salus.core.deal.StagedPackage;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.job.ResultDocument;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AccountStore;
import io.salus.core.port.StudyStore;
import io.salus.core.study.RoundRecord;
import io.salus.core.study.Study;
import io.salus.core.study.StudyPart;
import io.salus.core.study.StudySpec;
import io.salus.core.study.StudyState;
import io.salus.core.study.StudyTerms;
import io.salus.core.usecase.deal.DealResults;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * A study at the consumer's home node, which coordinates it: {@link #start} checks the consumer's deal is matched and
 * the spec fits its categories, stores the study RUNNING and runs its rounds on the executor. Each round
 * ({@link StudyRound}) is stored with its on-chain record (model hash, participants, ε spent) through the outbox. After
 * the last round the final model document, with its training curve and the payouts by data-size share
 * ({@link StudyDocument}), is staged as the deal's package paying the home node's members used, and the study is
 * TRAINED; before that, every other member that trained the last round reports its payees ({@link StudyParts}), stored
 * as the study's payout parts. Settling pays those parts from StudyPayouts first, then the deal, whose settlement
 * releases the model ({@link StudySettlement}). Any failure ends the study FAILED with its reason. {@link #recover}
 * fails, at start, the studies a stopped process left running. Thread-safe.
 */
public final class StudyCoordinator {
    private final StudyStore store;
    private final DealResults deals;
    private final AccountStore accounts;
    private final MemberDirectory directory;
    private final StudyRound.RoundMembers members;
    private final StudyRound rounds;
    private final Executor executor;
    private final EvmAddress self;
    private final Clock clock;

    public StudyCoordinator(StudyStore store, DealResults deals, AccountStore accounts, MemberDirectory directory,
            StudyRound rounds, Executor executor, EvmAddress self, Clock clock) {
        this.store = store;
        this.deals = deals;
        this.accounts = accounts;
        this.directory = directory;
        this.members = rounds.members();
        this.rounds = rounds;
        this.executor = executor;
        this.self = self;
        this.clock = clock;
    }

    /** What a consumer asks for: the spec's fields as given (checked against the deal's categories). */
    public record Request(List<String> features, String outcome, List<Double> lows, List<Double> highs,
            double outcomeAtLeast, int rounds, String epsilon, double delta, double learningRate) {
    }

    public Result<Study> start(Account consumer, Hash32 dealId, Request r) {
        Optional<Member> me = directory.member(self);
        if (me.isEmpty() || !me.get().active()) {
            return Result.fail(ErrorCode.NOT_FEDERATED, "this node (" + self + ") is not an active member");
        }
        return deals.matched(consumer, dealId).flatMap(deal -> StudySpec.of(r.features(), r.outcome(), r.lows(),
                r.highs(), r.outcomeAtLeast(), r.rounds(), r.epsilon(), r.delta(), r.learningRate(),
                deal.categories()).map(spec -> {
                    Study s = Study.running(UUID.randomUUID(), consumer.id(), dealId, spec, clock.instant());
                    store.create(s);
                    executor.execute(() -> run(s, consumer, deal));
                    return s;
                }));
    }

    /** Fails, visibly, the studies a stopped process left RUNNING (their rounds' state was in memory). */
    public int recover() {
        int n = 0;
        for (Study s : store.inState(StudyState.RUNNING)) {
            if (store.fail(s.id(), Failure.of(ErrorCode.STUDY_INTERRUPTED, "the node stopped while the study ran; "
                    + "it was not resumed"), clock.instant())) {
                n++;
            }
        }
        return n;
    }

    private void run(Study s, Account consumer, Deal deal) {
        Result<Hash32> done;
        try {
            done = train(s, consumer, deal);
        } catch (RuntimeException e) {
            done = Result.fail(ErrorCode.STUDY_FAULT, "the study stopped: " + e);
        }
        if (done.isOk()) {
            store.trained(s.id(), done.orElseThrow(), clock.instant());
        } else {
            store.fail(s.id(), done.failure(), clock.instant());
        }
    }

    private Result<Hash32> train(Study s, Account consumer, Deal deal) {
        StudyTerms t = new StudyTerms(s.id(), deal.id(), consumer.address(), deal.organisation(), deal.criteria(),
                deal.categories(), deal.terms().purpose(), s.spec());
        LogisticModel model = LogisticModel.zero(s.spec().features().size());
        List<RoundRecord> done = new ArrayList<>();
        StudyRound.Outcome last = null;
        for (int r = 0; r < s.spec().rounds(); r++) {
            long started = System.nanoTime();
            Result<StudyRound.Outcome> o = rounds.run(t, r, model, r == s.spec().rounds() - 1);
            if (!o.isOk()) {
                return Result.fail(o.failure().code(), "round " + r + ": " + o.failure().detail());
            }
            last = o.orElseThrow();
            model = last.model();
            RoundRecord rec = new RoundRecord(s.id(), r, model, last.participants(), last.dropped(),
                    s.spec().epsilonAfter(r + 1), last.loss(), (System.nanoTime() - started) / 1_000_000);
            store.round(rec, StudyRecords.message(rec), clock.instant());
            done.add(rec);
        }
        Map<EvmAddress, Integer> counts = last.patients();
        Result<List<StudyPart>> parts = StudyParts.collect(members, t, s.spec().rounds() - 1, counts,
                last.noisyCount(), self);
        if (!parts.isOk()) {
            return parts.propagate();
        }
        return deals.consenting(consumer, deal.id()).flatMap(cohort -> {
            store.parts(s.id(), parts.orElseThrow());
            byte[] doc = ResultDocument.json(StudyDocument.of(s, done, counts, self, cohort.members().size(),
                    deal.terms().pricePerPatient(), members.byId(), parts.orElseThrow()));
            return deals.stage(cohort, doc).map(StagedPackage::plaintextKeccak);
        });
    }
}
