package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.ConsentEvent;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.consent.Signed;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import java.util.List;
import java.util.Map;

/**
 * The consent contracts (IssuerRegistry, ConsentRegistry, AccessLog). Signed instructions are relayed by the node;
 * before sending, the adapter checks what the contract will check (signature recovery with low-s and 65 bytes, domain,
 * deadline, nonce) and returns the matching failure code ({@code INVALID_SIGNATURE}, {@code MALLEABLE_SIGNATURE},
 * {@code WRONG_DOMAIN}, {@code SIGNATURE_EXPIRED}, {@code NONCE_USED}, {@code UNTRUSTED_ISSUER}, {@code INVALID_GRANT})
 * without sending anything; the contract enforces the same rules on its own. Chain faults are
 * {@link io.salus.core.error.UnavailableException}s. Thread-safe.
 */
public interface ConsentLedger {

    /** The EIP-712 digest a signer signs for each payload (domain: name, version, chain id, contract). */
    Hash32 digest(Signed<?> unsigned);

    /** The signer's next nonce in the contract that verifies the payload type. */
    long nextNonce(EvmAddress signer, Class<?> payloadType);

    /** Relays a grant; on success returns the mined tx and the new grant id. */
    Result<GrantReceipt> grant(Signed<GrantTerms> grant);

    Result<TxRef> revoke(Signed<Payloads.Revoke> revoke);

    Result<TxRef> delegate(Signed<Payloads.Delegate> delegation);

    /** Owner-only (the node operator): trust an issuer for a mask of attestation types; 0 distrusts. */
    Result<TxRef> trustIssuer(EvmAddress issuer, int attestationTypes);

    Result<AttestationReceipt> attest(Signed<Payloads.Attest> attestation);

    Result<TxRef> revokeAttestation(Signed<Payloads.RevokeAttestation> revocation);

    /**
     * Emits an AccessLog event for a released access, naming the patient by its pseudonym for this access
     * ({@link io.salus.core.consent.AccessPseudonyms}); blocks until mined.
     */
    TxRef logAccess(Hash32 auditHash, Hash32 patientPseudonym, EvmAddress requester, long categories,
            Purpose purpose);

    /** The consent events in {@code [fromBlock, toBlock]}, in chain order. */
    List<ConsentEvent> events(long fromBlock, long toBlock);

    long headBlock();

    /**
     * The EIP-712 typed data of an instruction exactly as a wallet's {@code eth_signTypedData_v4} takes it: {@code types}
     * (with {@code EIP712Domain}), {@code primaryType}, {@code domain} and {@code message}, as maps, lists, strings and
     * numbers ready for JSON (integers wider than 53 bits as decimal strings). Its EIP-712 hash is {@link #digest}.
     */
    Map<String, Object> typedData(Signed<?> unsigned);

    /**
     * The checks of a signed instruction that need no chain, made before it is queued for a batch: unsigned nonce and
     * deadline, the signature's form ({@code MALLEABLE_SIGNATURE}), and that it recovers the claimed signer under the
     * verifying contract's domain ({@code WRONG_DOMAIN} when it does under another one, else
     * {@code INVALID_SIGNATURE}).
     */
    Result<Signed<?>> checkSignature(Signed<?> signed);

    /**
     * Relays many signed grants, revocations and delegations of ConsentRegistry in one write, in order. Before sending,
     * what can be checked in bulk is checked (deadlines against the latest block, each signer's nonces in sequence:
     * {@code SIGNATURE_EXPIRED}, {@code NONCE_USED}, {@code INVALID_REQUEST}); the contract then applies each
     * instruction with all of its own checks, and one it refuses fails alone, with the code its refusal means. The
     * outcomes are in the order of {@code instructions}. Chain faults fail the whole batch. Signatures are not
     * recovered here: use {@link #checkSignature} first for instructions the node did not sign itself.
     */
    List<Result<Relayed>> relayBatch(List<Signed<?>> instructions);

    record GrantReceipt(long grantId, TxRef tx) {
    }

    /** A relayed instruction of a batch: the batch's transaction and, for a grant, its new id (0 otherwise). */
    record Relayed(TxRef tx, long grantId) {
    }

    record AttestationReceipt(long attestationId, TxRef tx) {
    }
}
