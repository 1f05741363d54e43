package io.salus.core.usecase.federation;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.federation.CountRequest;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberClient;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.privacy.NoisyCount;
import io.salus.core.record.Category;
import io.salus.core.usecase.deal.Discovery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A federated count: a consumer asks its home node, which counts its own patients ({@link Discovery}, charging the
 * organisation's budget here) and asks every other active member at once (signed requests through the
 * {@link MemberClient}); each member answers with its own noisy count, charged to the organisation's budget at that
 * member. The answer is the sum of the released counts, how many members' counts were suppressed (each below the
 * threshold: the sum is then a lower bound), and every member's status. A member that refuses, cannot be reached or
 * does not answer within {@code timeout} makes the answer partial, and it says so: it is never silently wrong. A
 * request the home node itself finds malformed (criteria, categories, epsilon, not a consumer) is refused as a whole
 * before any member is asked. Thread-safe.
 */
public final class FederatedDiscovery {
    private final Discovery local;
    private final PrivacyBudget budget;
    private final MemberDirectory directory;
    private final MemberClient client;
    private final EvmAddress self;
    private final Executor executor;
    private final Duration timeout;

    public FederatedDiscovery(Discovery local, PrivacyBudget budget, MemberDirectory directory, MemberClient client,
            EvmAddress self, Executor executor, Duration timeout) {
        this.local = local;
        this.budget = budget;
        this.directory = directory;
        this.client = client;
        this.self = self;
        this.executor = executor;
        this.timeout = timeout;
    }

    /** How a member took part. */
    public enum Status {
        ANSWERED,
        REFUSED,
        UNREACHABLE
    }

    /** One member's part: its count when it answered, else why not. */
    public record MemberAnswer(EvmAddress node, String organisation, boolean home, Status status,
            Optional<NoisyCount> count, String detail) {
    }

    /**
     * @param releasedSum the sum of the members' released counts
     * @param suppressed how many answering members said only "fewer than" the threshold
     * @param partial whether some member did not answer (then the true count may be higher)
     */
    public record FederatedCount(long releasedSum, int suppressed, boolean partial, List<MemberAnswer> members) {
        public FederatedCount {
            members = List.copyOf(members);
        }
    }

    public Result<FederatedCount> count(Account consumer, byte[] criteriaJson, List<Category> categories,
            Purpose purpose, String epsilon) {
        if (consumer.kind() != AccountKind.CONSUMER) {
            return Result.fail(ErrorCode.NOT_A_CONSUMER, "only consumer accounts discover cohorts");
        }
        Optional<String> organisation = budget.organisationOf(consumer.id());
        if (organisation.isEmpty()) {
            return Result.fail(ErrorCode.NOT_A_CONSUMER, "account " + consumer.id() + " belongs to no organisation");
        }
        Optional<Member> me = directory.member(self);
        if (me.isEmpty() || !me.get().active()) {
            return Result.fail(ErrorCode.NOT_FEDERATED, "this node (" + self + ") is not an active member");
        }
        Result<Discovery.Count> here = local.count(consumer, criteriaJson, categories, purpose, epsilon);
        if (!here.isOk() && wholeRequestInvalid(here.failure())) {
            return here.propagate();
        }
        List<CompletableFuture<MemberAnswer>> asked = new ArrayList<>();
        for (Member m : directory.members()) {
            if (m.active() && !m.node().equals(self)) {
                CountRequest r = new CountRequest(m.node(), consumer.address(), organisation.get(), criteriaJson,
                        categories, purpose, epsilon);
                asked.add(CompletableFuture.supplyAsync(() -> answer(m, client.count(m, r)), executor)
                        .completeOnTimeout(new MemberAnswer(m.node(), m.organisation(), false, Status.UNREACHABLE,
                                Optional.empty(), "no answer within " + timeout.toMillis() + " ms"),
                                timeout.toMillis(), TimeUnit.MILLISECONDS));
            }
        }
        List<MemberAnswer> answers = new ArrayList<>();
        MemberAnswer mine = answer(me.get(), here.map(Discovery.Count::count));
        answers.add(new MemberAnswer(mine.node(), mine.organisation(), true, mine.status(), mine.count(),
                mine.detail()));
        asked.forEach(f -> answers.add(f.join()));
        long sum = 0;
        int suppressed = 0;
        boolean partial = false;
        for (MemberAnswer a : answers) {
            partial |= a.status() != Status.ANSWERED;
            if (a.count().orElse(null) instanceof NoisyCount.Released r) {
                sum += r.value();
            } else if (a.count().isPresent()) {
                suppressed++;
            }
        }
        return Result.ok(new FederatedCount(sum, suppressed, partial, answers));
    }

    private static MemberAnswer answer(Member m, Result<NoisyCount> r) {
        if (r.isOk()) {
            return new MemberAnswer(m.node(), m.organisation(), false, Status.ANSWERED, Optional.of(r.orElseThrow()),
                    "answered");
        }
        Failure f = r.failure();
        Status s = f.code() == ErrorCode.MEMBER_UNREACHABLE ? Status.UNREACHABLE : Status.REFUSED;
        return new MemberAnswer(m.node(), m.organisation(), false, s, Optional.empty(),
                f.code().code() + " " + f.detail());
    }

    private static boolean wholeRequestInvalid(Failure f) {
        return f.code().httpStatus() == 400 || f.code().httpStatus() == 422;
    }
}
