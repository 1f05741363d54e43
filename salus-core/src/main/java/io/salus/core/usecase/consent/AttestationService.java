package io.salus.core.usecase.consent;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.ConsentLedger;
import io.salus.core.port.ConsentStore;
import java.util.List;

/**
 * Trusted issuers and their attestations: the operator trusts an issuer for attestation types (IssuerRegistry); an
 * issuer attests an account's consumer type or licence with the purposes it allows and a validity window, and may
 * revoke it. Issuers sign through the node's custody of their key. Thread-safe.
 */
public final class AttestationService {
    private final CustodialSigner signer;
    private final ConsentLedger ledger;
    private final ConsentStore store;
    private final ConsentSync sync;

    public AttestationService(CustodialSigner signer, ConsentLedger ledger, ConsentStore store, ConsentSync sync) {
        this.signer = signer;
        this.ledger = ledger;
        this.store = store;
        this.sync = sync;
    }

    public Result<TxRef> trust(Account operator, Account issuer, int attestationTypes) {
        if (operator.kind() != AccountKind.OPERATOR) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the node operator trusts issuers");
        }
        if (issuer.kind() != AccountKind.ISSUER) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "account " + issuer.id() + " is not an ISSUER account");
        }
        Result<TxRef> r = ledger.trustIssuer(issuer.address(), attestationTypes);
        r.map(x -> sync.toHead());
        return r;
    }

    public Result<ConsentLedger.AttestationReceipt> attest(Account issuer, Payloads.Attest attestation) {
        if (issuer.kind() != AccountKind.ISSUER) {
            return Result.fail(ErrorCode.UNTRUSTED_ISSUER, "only ISSUER accounts attest");
        }
        if (!attestation.validUntil().isAfter(attestation.validFrom()) || attestation.purposes() == 0) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "an attestation needs purposes and a non-empty window");
        }
        Result<ConsentLedger.AttestationReceipt> r = sign(issuer, attestation).flatMap(ledger::attest);
        r.map(x -> sync.toHead());
        return r;
    }

    public Result<TxRef> revoke(Account issuer, long attestationId) {
        Result<TxRef> r = sign(issuer, new Payloads.RevokeAttestation(attestationId))
                .flatMap(ledger::revokeAttestation);
        r.map(x -> sync.toHead());
        return r;
    }

    public List<Attestation> of(EvmAddress subject) {
        sync.toHead();
        return store.attestationsOf(subject);
    }

    private <T> Result<Signed<T>> sign(Account actor, T payload) {
        return signer.sign(actor, payload);
    }
}
