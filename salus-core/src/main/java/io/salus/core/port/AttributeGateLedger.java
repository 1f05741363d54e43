package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.zk.Admission;
import io.salus.core.zk.AttributeProof;
import io.salus.core.zk.ScopePolicy;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The chain side of zero-knowledge attribute proofs: the registry of providers' BabyJubJub keys and the gate that
 * admits a patient to a scope (a DAO, a study) on a valid proof, once per patient and scope. Administration runs as
 * the node's relayer (the registry's admin); the node never sees a witness, only proofs and public signals.
 */
public interface AttributeGateLedger {
    /** Opens a scope owned by the relayer; the scope id binds the chain, the gate, the relayer and the label. */
    Result<BigInteger> openScope(Hash32 label, ScopePolicy policy);

    /** The id {@link #openScope} gives a label (the relayer owns the scope): the same label, the same scope. */
    BigInteger scopeId(Hash32 label);

    /** The policy of a scope ({@code ZK_SCOPE_UNKNOWN} if none). */
    Result<ScopePolicy> policy(BigInteger scope);

    /** Enrols a provider account and registers its public key (admin); the provider may later rotate it itself. */
    Result<EvmAddress> registerProviderKey(EvmAddress provider, BigInteger ax, BigInteger ay);

    /** Revokes a provider's current key (admin): proofs under it are refused from the next block. */
    Result<EvmAddress> revokeProviderKey(EvmAddress provider);

    /** The provider this key was ever registered for (active or revoked), if any. */
    Optional<EvmAddress> providerOfKey(BigInteger ax, BigInteger ay);

    /** Whether proofs under this key are accepted now. */
    boolean providerKeyActive(BigInteger ax, BigInteger ay);

    /** Whether the gate would admit this proof now, without a transaction (a simulated call, explicit gas). */
    Result<AttributeProof> check(AttributeProof proof);

    /** Admits the proof's recipient to its scope, relayed by the node (explicit gas limit), and uses the nullifier. */
    Result<Admission> admit(AttributeProof proof);

    /** Whether the nullifier was used in the scope. */
    boolean nullifierUsed(BigInteger scope, BigInteger nullifier);

    /** Whether the account was admitted to the scope. */
    boolean admitted(BigInteger scope, EvmAddress account);
}
