package io.salus.chain.consent;

import io.salus.chain.consent.internal.ConsentCalls;
import io.salus.chain.internal.ChainReads;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.DelegationScope;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * The checks the consent contracts make, made before sending so that a bad instruction costs no transaction and gets
 * a precise code. Signature: 65 bytes and low s ({@code MALLEABLE_SIGNATURE}), then recovery. If the recovered
 * address is not the claimed signer, the same struct is tried under the other domains this node can name: the same
 * contract under {@link #otherChainIds}, and every other Salus contract address under this chain id; recovering the
 * signer under one of them is {@code WRONG_DOMAIN}, anything else {@code INVALID_SIGNATURE}. Then the deadline against
 * the latest block's timestamp ({@code SIGNATURE_EXPIRED}) and the signer's nonce ({@code NONCE_USED} when already
 * used, {@code INVALID_REQUEST} when ahead). Thread-safe.
 */
final class Preflight {
    private final ConsentTypedData typed;
    private final EvmSigner signer;
    private final ChainReads chain;
    private final List<EvmAddress> knownContracts;
    private final Set<Long> otherChainIds;

    Preflight(ConsentTypedData typed, EvmSigner signer, ChainReads chain, List<EvmAddress> knownContracts,
            Set<Long> otherChainIds) {
        this.typed = typed;
        this.signer = signer;
        this.chain = chain;
        this.knownContracts = List.copyOf(knownContracts);
        this.otherChainIds = Set.copyOf(otherChainIds);
    }

    /** Signature, domain, deadline and nonce of any signed instruction. */
    Result<Signed<?>> signed(Signed<?> s) {
        Result<Signed<?>> local = signature(s);
        if (!local.isOk()) {
            return local;
        }
        return inTime(s, chain.latestTimestamp()).flatMap(ok -> inSequence(s, nextNonce(s.signer(),
                s.payload().getClass())));
    }

    /** The deadline is not before the latest block's time {@code now}. */
    static Result<Signed<?>> inTime(Signed<?> s, Instant now) {
        if (s.deadline().isBefore(now)) {
            return Result.fail(ErrorCode.SIGNATURE_EXPIRED, "the deadline " + s.deadline()
                    + " is before the latest block's time " + now);
        }
        return Result.ok(s);
    }

    /** The nonce is the signer's next one: lower is {@code NONCE_USED}, higher {@code INVALID_REQUEST}. */
    static Result<Signed<?>> inSequence(Signed<?> s, long next) {
        if (s.nonce() < next) {
            return Result.fail(ErrorCode.NONCE_USED, "nonce " + s.nonce() + " of " + s.signer()
                    + " was already used (next is " + next + ")");
        }
        if (s.nonce() > next) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "nonce " + s.nonce() + " of " + s.signer()
                    + " is ahead of the next nonce " + next);
        }
        return Result.ok(s);
    }

    /** What needs no chain: unsigned nonce and deadline, the signature's form, and that it recovers the signer. */
    Result<Signed<?>> signature(Signed<?> s) {
        if (s.nonce() < 0 || s.deadline().getEpochSecond() < 0) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "nonce and deadline are unsigned");
        }
        Hash32 digest = typed.digest(s);
        Result<EvmAddress> recovered = signer.recover(digest, s.signature());
        if (!recovered.isOk()) {
            return recovered.propagate();
        }
        if (!recovered.orElseThrow().equals(s.signer())) {
            return Result.fail(otherDomain(s));
        }
        return Result.ok(s);
    }

    private io.salus.core.error.Failure otherDomain(Signed<?> s) {
        Hash32 struct = ConsentTypedData.structHash(s);
        String name = ConsentTypedData.domainName(s.payload().getClass());
        EvmAddress contract = typed.verifyingContract(s.payload().getClass());
        for (long other : otherChainIds) {
            if (other != typed.chainId() && recoversSigner(s, ConsentTypedData.domainSeparator(name, other, contract),
                    struct)) {
                return io.salus.core.error.Failure.of(ErrorCode.WRONG_DOMAIN, "signed for chain " + other
                        + ", this chain is " + typed.chainId());
            }
        }
        for (EvmAddress c : knownContracts) {
            if (!c.equals(contract) && recoversSigner(s, ConsentTypedData.domainSeparator(name, typed.chainId(), c),
                    struct)) {
                return io.salus.core.error.Failure.of(ErrorCode.WRONG_DOMAIN, "signed for contract " + c
                        + ", the verifying contract is " + contract);
            }
        }
        return io.salus.core.error.Failure.of(ErrorCode.INVALID_SIGNATURE, "the signature is not "
                + s.signer() + "'s for this instruction");
    }

    private boolean recoversSigner(Signed<?> s, Hash32 domain, Hash32 struct) {
        Result<EvmAddress> r = signer.recover(ConsentTypedData.digest(domain, struct), s.signature());
        return r.isOk() && r.orElseThrow().equals(s.signer());
    }

    long nextNonce(EvmAddress account, Class<?> payloadType) {
        return chain.uint(typed.verifyingContract(payloadType), ConsentCalls.nonces(account)).longValueExact();
    }

    /** Whether {@code actor} may manage the patient's consent now: the patient, or a current MANAGE_CONSENT delegate. */
    Result<EvmAddress> manager(EvmAddress actor, EvmAddress patient) {
        if (actor.equals(patient)) {
            return Result.ok(actor);
        }
        List<Object> d = chain.call(typed.contracts().consentRegistry(), ConsentCalls.delegationOf(patient, actor),
                new TypeReference<Uint8>() {
                }, new TypeReference<Uint64>() {
                });
        int scopes = ((BigInteger) d.get(0)).intValueExact();
        long until = ((BigInteger) d.get(1)).longValue();
        if ((scopes & DelegationScope.MANAGE_CONSENT.mask()) == 0) {
            return Result.fail(ErrorCode.DELEGATION_SCOPE, actor + " is neither the patient nor a delegate managing "
                    + patient + "'s consent");
        }
        if (until <= chain.latestTimestamp().getEpochSecond()) {
            return Result.fail(ErrorCode.DELEGATION_SCOPE, actor + "'s delegation from " + patient + " has expired");
        }
        return Result.ok(actor);
    }

    /**
     * What the contract checks of a grant a delegate signs: it does not name the delegate as the consumer, and it ends
     * no later than the delegation it is signed under.
     */
    Result<EvmAddress> withinDelegation(Signed<GrantTerms> grant) {
        GrantTerms g = grant.payload();
        if (grant.signer().equals(g.patient())) {
            return Result.ok(grant.signer());
        }
        if (g.namedConsumer().filter(grant.signer()::equals).isPresent()) {
            return Result.fail(ErrorCode.DELEGATE_GRANT_TO_ITSELF, "a delegate cannot grant a consent to itself");
        }
        List<Object> d = chain.call(typed.contracts().consentRegistry(),
                ConsentCalls.delegationOf(g.patient(), grant.signer()), new TypeReference<Uint8>() {
                }, new TypeReference<Uint64>() {
                });
        long until = ((BigInteger) d.get(1)).longValue();
        if (g.validUntil().getEpochSecond() > until) {
            return Result.fail(ErrorCode.DELEGATE_GRANT_OUTLASTS_DELEGATION, "the grant ends at " + g.validUntil()
                    + ", after the delegation it is signed under (" + Instant.ofEpochSecond(until) + ")");
        }
        return Result.ok(grant.signer());
    }

    /** A grant's patient and whether it was revoked (patient zero when unknown). */
    List<Object> grantOf(long grantId) {
        return chain.call(typed.contracts().consentRegistry(), ConsentCalls.grantOf(grantId),
                new TypeReference<Address>() {
                }, new TypeReference<org.web3j.abi.datatypes.Bool>() {
                });
    }
}
