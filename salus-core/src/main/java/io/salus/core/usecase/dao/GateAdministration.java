package io.salus.core.usecase.dao;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AttributeGateLedger;
import io.salus.core.zk.ScopePolicy;
import java.math.BigInteger;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The operator's side of the zero-knowledge gate: opens a scope (what a proof DAO or a study admits) and registers a
 * provider's BabyJubJub key, as the node's relayer (the registry's owner). Both are idempotent by their natural key,
 * as DAO proposals are: a scope's id is a function of its label, so repeating an opening returns the scope already
 * opened (a different policy under the same label is refused); repeating a registration of the key a provider holds
 * returns it. A crash between the transaction and the answer therefore loses nothing: the retry finds the chain's
 * state. Anyone signed in reads a scope's policy (the patient's prover needs it). Thread-safe.
 */
public final class GateAdministration {
    private final Supplier<Optional<AttributeGateLedger>> gate;

    public GateAdministration(Supplier<Optional<AttributeGateLedger>> gate) {
        this.gate = gate;
    }

    /** A scope and whether this call opened it (false: it was open already with this policy). */
    public record OpenedScope(BigInteger scope, ScopePolicy policy, boolean opened) {
    }

    /** Opens the scope {@code label} with this policy (the operator only); a repeat returns the open scope. */
    public Result<OpenedScope> openScope(Account actor, Hash32 label, ScopePolicy policy) {
        return operatorWithGate(actor, g -> {
            BigInteger id = g.scopeId(label);
            Result<ScopePolicy> existing = g.policy(id);
            if (existing.isOk()) {
                return existing.orElseThrow().equals(policy)
                        ? Result.ok(new OpenedScope(id, policy, false))
                        : Result.fail(ErrorCode.ZK_SCOPE_LABEL_TAKEN, "scope " + id + " was opened under this "
                                + "label with another policy");
            }
            return g.openScope(label, policy).map(s -> new OpenedScope(s, policy, true));
        });
    }

    /** A scope's policy. */
    public Result<ScopePolicy> policy(BigInteger scope) {
        return withGate(g -> g.policy(scope));
    }

    /**
     * Enrols a provider and registers its key (the operator only). True if this call registered it, false if the
     * provider holds this key already; a key registered for another provider, or revoked, is refused.
     */
    public Result<Boolean> registerProviderKey(Account actor, EvmAddress provider, BigInteger ax, BigInteger ay) {
        return operatorWithGate(actor, g -> {
            Optional<EvmAddress> holder = g.providerOfKey(ax, ay);
            if (holder.isEmpty()) {
                return g.registerProviderKey(provider, ax, ay).map(p -> true);
            }
            if (holder.get().equals(provider) && g.providerKeyActive(ax, ay)) {
                return Result.ok(false);
            }
            return Result.fail(ErrorCode.ZK_PROVIDER_KEY_TAKEN, holder.get().equals(provider)
                    ? "this key of the provider was revoked; register a new one"
                    : "the key is registered for another provider");
        });
    }

    /** Whether proofs signed under this key are accepted now. */
    public Result<Boolean> providerKeyActive(BigInteger ax, BigInteger ay) {
        return withGate(g -> Result.ok(g.providerKeyActive(ax, ay)));
    }

    private <T> Result<T> operatorWithGate(Account actor, Function<AttributeGateLedger, Result<T>> action) {
        if (actor.kind() != AccountKind.OPERATOR) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the operator administers the zero-knowledge gate");
        }
        return withGate(action);
    }

    private <T> Result<T> withGate(Function<AttributeGateLedger, Result<T>> action) {
        return gate.get().map(action).orElseGet(() -> Result.fail(ErrorCode.ZK_GATE_UNAVAILABLE, "this node has no "
                + "AttributeGate (it is deployed on the local chain only)"));
    }
}
