package io.salus.core.usecase.federation;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.CountRequest;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.port.CohortQuery;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.privacy.CountRelease;
import io.salus.core.privacy.Epsilon;
import io.salus.core.privacy.NoisyCount;
import io.salus.core.usecase.deal.Discovery;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * A member's side of a federated count: another node (already verified: a signed request from an active member)
 * asks, for one of its own consumers, how many of this node's consenting patients match. The request must be
 * addressed to this node, and the consumer's home on chain must be the asking node (a node speaks only for its own
 * accounts). The count is this node's own ({@link CohortQuery}: the consumer's on-chain attestations, this node's
 * patients' consents), charged to the consumer organisation's budget at this node before it is released with noise.
 * Thread-safe.
 */
public final class MemberCounts {
    private final CohortQuery cohorts;
    private final PrivacyBudget budget;
    private final CountRelease release;
    private final MemberDirectory directory;
    private final EvmAddress self;
    private final long chainId;
    private final Clock clock;

    public MemberCounts(CohortQuery cohorts, PrivacyBudget budget, CountRelease release, MemberDirectory directory,
            EvmAddress self, long chainId, Clock clock) {
        this.cohorts = cohorts;
        this.budget = budget;
        this.release = release;
        this.directory = directory;
        this.self = self;
        this.chainId = chainId;
        this.clock = clock;
    }

    public Result<NoisyCount> answer(Member from, CountRequest r) {
        Result<Member> asker = speaksFor(directory, self, from, r.audience(), r.consumer());
        if (!asker.isOk()) {
            return asker.propagate();
        }
        if (r.categories().isEmpty()) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "name at least one data category");
        }
        Account consumer = remote(r.consumer(), chainId, clock);
        return Epsilon.parse(r.epsilon()).flatMap(eps -> cohorts.parse(r.criteriaJson()).flatMap(criterion -> {
            Result<Long> exact = cohorts.count(consumer, criterion, r.categories(), r.purpose());
            if (!exact.isOk()) {
                return exact.propagate();
            }
            String digest = Discovery.digest(new String(r.criteriaJson(), StandardCharsets.UTF_8), r.categories(),
                    r.purpose());
            return budget.chargeOrganisation(r.organisation(), r.consumer().hex() + "@" + from.node().hex(), eps,
                    digest).map(remaining -> release.release(exact.orElseThrow(), eps));
        }));
    }

    /**
     * The asking member, if the request is addressed to this node ({@code self}) and the consumer's home on chain is the
     * asking node (a node speaks only for its own accounts): {@code NODE_WRONG_AUDIENCE} or {@code FORBIDDEN} otherwise.
     */
    public static Result<Member> speaksFor(MemberDirectory directory, EvmAddress self, Member from,
            EvmAddress audience, EvmAddress consumer) {
        if (!audience.equals(self)) {
            return Result.fail(ErrorCode.NODE_WRONG_AUDIENCE, "the request is addressed to " + audience
                    + ", this node is " + self);
        }
        Optional<EvmAddress> home = directory.homeOf(consumer);
        if (home.isEmpty() || !home.get().equals(from.node())) {
            return Result.fail(ErrorCode.FORBIDDEN, "consumer " + consumer + " is not an account of node "
                    + from.node() + " (its home on chain is " + home.map(EvmAddress::hex).orElse("none") + ")");
        }
        return Result.ok(from);
    }

    /**
     * The remote consumer as the cohort query sees it: only its address counts (its attestations are on chain); it has
     * no account, keys or token at this node.
     */
    public static Account remote(EvmAddress address, long chainId, Clock clock) {
        return new Account(new AccountId(UUID.nameUUIDFromBytes(address.hex().getBytes(StandardCharsets.US_ASCII))),
                AccountKind.CONSUMER, "consumer of another node", address, "did:pkh:eip155:" + chainId + ":"
                        + address.hex(),
                new byte[0], clock.instant());
    }
}
