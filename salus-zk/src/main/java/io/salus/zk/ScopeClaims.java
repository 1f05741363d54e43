package io.salus.zk;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.zk.ScopePolicy;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The claim a patient proves to enter a scope, built from the scope's public policy alone: the policy's whole range
 * (the weakest statement the gate accepts, so the proof says no more than it must), narrowed to today's age cut-off
 * when the scope has a minimum age (by the UTC date, as the gate's block date), and a freshness bound that depends
 * only on the clock and the policy's maximum age.
 */
public final class ScopeClaims {
    private ScopeClaims() {
    }

    /** The part of a claim the scope's policy and the clock fix, whatever the attribute: range and freshness. */
    public record Statement(Predicate predicate, long notBefore) {
    }

    public static Result<Claim> forScope(AttributeKind kind, ScopePolicy policy, Instant now, BigInteger scope,
            EvmAddress recipient) {
        if (!kind.element().equals(policy.kind())) {
            return Result.fail(ErrorCode.ZK_CLAIM_OUTSIDE_POLICY, "the scope admits another kind of attribute than "
                    + kind.name());
        }
        return statement(policy, now).map(s -> new Claim(kind, s.predicate(), s.notBefore(), scope, recipient));
    }

    /**
     * The range and freshness bound a proof for this scope carries today (the kind is the policy's): what a prover that
     * does not know the kind's name (the portal's page, proving in the browser) needs besides the attribute.
     */
    public static Result<Statement> statement(ScopePolicy policy, Instant now) {
        if (policy.maxAge().toSeconds() < 4) {
            return Result.fail(ErrorCode.ZK_CLAIM_OUTSIDE_POLICY, "the scope's maximum age is under 4 s");
        }
        BigInteger hi = policy.hi().min(AttributeCodes.MAX_VALUE);
        if (policy.minAgeYears() > 0) {
            hi = hi.min(AttributeCodes.ageCutoff(LocalDate.ofInstant(now, ZoneOffset.UTC), policy.minAgeYears()));
        }
        if (policy.lo().compareTo(hi) > 0) {
            return Result.fail(ErrorCode.ZK_CLAIM_OUTSIDE_POLICY, "the scope's range is empty today");
        }
        return Result.ok(new Statement(new Predicate(policy.lo(), hi), Claim.notBeforeFor(now.getEpochSecond(),
                policy.maxAge().toSeconds())));
    }
}
