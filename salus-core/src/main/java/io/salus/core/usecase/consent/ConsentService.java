package io.salus.core.usecase.consent;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.DelegationScope;
import io.salus.core.consent.Grant;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import io.salus.core.port.ConsentLedger;
import io.salus.core.port.ConsentStore;
import io.salus.core.port.Organisations;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Consent management for patients and their delegates: grant, revoke, delegate, list. Two ways to sign: through the
 * node's custody of the signer's key ({@code *Custodial}), or client-side: {@link #prepare} returns the EIP-712 digest
 * with its nonce and deadline (and the typed data a wallet shows), the client signs it, and {@link #relayGrant} etc.
 * relay the signed instruction once its signature checks out. Either way the instruction goes through the ledger the
 * node wires (the {@link ConsentRelay}: many instructions per transaction) and the answer comes once it is mined and
 * the projections show it. Thread-safe.
 */
public final class ConsentService {
    private final AccountStore accounts;
    private final CustodialSigner signer;
    private final ConsentLedger ledger;
    private final ConsentStore store;
    private final ConsentSync sync;
    private final Organisations organisations;
    private final Clock clock;

    public ConsentService(AccountStore accounts, CustodialSigner signer, ConsentLedger ledger, ConsentStore store,
            ConsentSync sync, Organisations organisations, Clock clock) {
        this.accounts = accounts;
        this.organisations = organisations;
        this.signer = signer;
        this.ledger = ledger;
        this.store = store;
        this.sync = sync;
        this.clock = clock;
    }

    public <T> CustodialSigner.Prepared<T> prepare(T payload, EvmAddress signerAddress) {
        return signer.prepare(payload, signerAddress);
    }

    public Result<ConsentLedger.GrantReceipt> grantCustodial(Account actor, GrantTerms terms) {
        return mayManage(actor, terms.patient()).flatMap(ok -> wellFormed(terms)).flatMap(ok -> sign(actor, terms))
                .flatMap(this::sendGrant);
    }

    /** Relays a grant signed client-side: its signature is checked before it is queued for the chain. */
    public Result<ConsentLedger.GrantReceipt> relayGrant(Signed<GrantTerms> signed) {
        return wellFormed(signed.payload()).flatMap(ok -> ledger.checkSignature(signed))
                .flatMap(ok -> sendGrant(signed));
    }

    private static Result<GrantTerms> wellFormed(GrantTerms terms) {
        if (!terms.wellFormed()) {
            return Result.fail(ErrorCode.INVALID_GRANT,
                    "categories, attestation types and purposes must be non-empty and validUntil after validFrom");
        }
        return Result.ok(terms);
    }

    private Result<ConsentLedger.GrantReceipt> sendGrant(Signed<GrantTerms> signed) {
        Result<ConsentLedger.GrantReceipt> r = withinDelegation(signed).flatMap(ok -> ledger.grant(signed));
        r.map(x -> sync.atLeast(x.tx().blockNumber()));
        return r;
    }

    /**
     * What a delegate may grant for the patient: no consent naming itself, or an account of an organisation it belongs
     * to, as the consumer; nothing lasting beyond the delegation it signs under. The ledger and the contract check the
     * first and the last again; organisations are known only off chain, here.
     */
    Result<Boolean> withinDelegation(Signed<GrantTerms> signed) {
        GrantTerms t = signed.payload();
        EvmAddress delegate = signed.signer();
        if (delegate.equals(t.patient())) {
            return Result.ok(true);
        }
        if (t.namedConsumer().isPresent()) {
            EvmAddress named = t.namedConsumer().get();
            if (named.equals(delegate) || sameOrganisation(delegate, named)) {
                return Result.fail(ErrorCode.DELEGATE_GRANT_TO_ITSELF, "a delegate cannot grant a consent to "
                        + (named.equals(delegate) ? "itself" : "an organisation it belongs to"));
            }
        }
        sync.toHead();
        Optional<Delegation> d = store.delegation(t.patient(), delegate);
        if (d.isPresent() && t.validUntil().isAfter(d.get().validUntil())) {
            return Result.fail(ErrorCode.DELEGATE_GRANT_OUTLASTS_DELEGATION, "the grant would last until "
                    + t.validUntil() + ", beyond the delegation it is signed under (until " + d.get().validUntil()
                    + ")");
        }
        return Result.ok(true);
    }

    private boolean sameOrganisation(EvmAddress a, EvmAddress b) {
        Optional<String> orgA = accounts.findByAddress(a).flatMap(x -> organisations.organisationOf(x.id()));
        return orgA.isPresent()
                && orgA.equals(accounts.findByAddress(b).flatMap(x -> organisations.organisationOf(x.id())));
    }

    public Result<TxRef> revokeCustodial(Account actor, long grantId) {
        Optional<Grant> grant = store.grant(grantId);
        if (grant.isEmpty()) {
            sync.toHead();
            grant = store.grant(grantId);
        }
        if (grant.isEmpty()) {
            return Result.fail(ErrorCode.GRANT_NOT_FOUND, "no grant " + grantId);
        }
        return mayManage(actor, grant.get().terms().patient())
                .flatMap(ok -> sign(actor, new Payloads.Revoke(grantId))).flatMap(this::sendRevoke);
    }

    /** Relays a revocation signed client-side: its signature is checked before it is queued for the chain. */
    public Result<TxRef> relayRevoke(Signed<Payloads.Revoke> signed) {
        return ledger.checkSignature(signed).flatMap(ok -> sendRevoke(signed));
    }

    private Result<TxRef> sendRevoke(Signed<Payloads.Revoke> signed) {
        Result<TxRef> r = ledger.revoke(signed);
        r.map(x -> sync.atLeast(x.blockNumber()));
        return r;
    }

    public Result<TxRef> delegateCustodial(Account patient, EvmAddress delegate, int scopes, Instant validUntil) {
        if (patient.kind() != AccountKind.PATIENT) {
            return Result.fail(ErrorCode.NOT_A_PATIENT, "only a patient delegates");
        }
        return sign(patient, new Payloads.Delegate(patient.address(), delegate, scopes, validUntil))
                .flatMap(this::sendDelegate);
    }

    /** Relays a delegation signed client-side: its signature is checked before it is queued for the chain. */
    public Result<TxRef> relayDelegate(Signed<Payloads.Delegate> signed) {
        return ledger.checkSignature(signed).flatMap(ok -> sendDelegate(signed));
    }

    private Result<TxRef> sendDelegate(Signed<Payloads.Delegate> signed) {
        Result<TxRef> r = ledger.delegate(signed);
        r.map(x -> sync.atLeast(x.blockNumber()));
        return r;
    }

    /** The patient's grants, as projected from the chain (synced first). */
    public Result<List<Grant>> list(Account actor, AccountId patientId) {
        Optional<Account> patient = accounts.find(patientId);
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + patientId);
        }
        return mayManage(actor, patient.get().address()).map(ok -> {
            sync.toHead();
            return store.grantsOf(patient.get().address());
        });
    }

    /** The patient themself, or a delegate whose unexpired delegation includes MANAGE_CONSENT. */
    Result<Boolean> mayManage(Account actor, EvmAddress patient) {
        if (actor.address().equals(patient)) {
            return Result.ok(true);
        }
        sync.toHead();
        Optional<Delegation> d = store.delegation(patient, actor.address());
        if (d.isPresent() && d.get().allows(DelegationScope.MANAGE_CONSENT, clock.instant())) {
            return Result.ok(true);
        }
        return Result.fail(ErrorCode.DELEGATION_SCOPE,
                "only the patient or a delegate managing their consent may do this");
    }

    private <T> Result<Signed<T>> sign(Account actor, T payload) {
        return signer.sign(actor, payload);
    }
}
