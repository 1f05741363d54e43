package io.salus.core.usecase.consent;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.Payloads;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import io.salus.core.port.ConsentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * A patient's delegations to caregivers and legal representatives: stated (scopes and a time limit), listed and
 * revoked by the patient only, on chain, signed with the patient's custodial key. A delegate, even one managing the
 * patient's consent, cannot create, widen or revoke a delegation ({@code DELEGATION_BY_PATIENT_ONLY}); the contract
 * refuses the same, since it verifies a delegation against the patient's signature. Delegates see whom they act for.
 * Thread-safe.
 */
public final class Delegations {
    private static final EnumSet<AccountKind> NOT_DELEGATES = EnumSet.of(AccountKind.OPERATOR, AccountKind.ISSUER,
            AccountKind.AUDITOR);
    private final AccountStore accounts;
    private final ConsentService consents;
    private final ConsentStore store;
    private final ConsentSync sync;
    private final Clock clock;

    public Delegations(AccountStore accounts, ConsentService consents, ConsentStore store, ConsentSync sync,
            Clock clock) {
        this.accounts = accounts;
        this.consents = consents;
        this.store = store;
        this.sync = sync;
        this.clock = clock;
    }

    /** Whether a delegation is in force now, has expired, or was revoked (scopes 0). */
    public enum Status {
        ACTIVE,
        EXPIRED,
        REVOKED
    }

    /** A delegation with the account on its other side (the delegate for a patient, the patient for a delegate). */
    public record Entry(Delegation delegation, Optional<Account> counterpart, Status status) {
    }

    /** Sets (scopes != 0, validUntil in the future) or changes the patient's delegation to an account. */
    public Result<TxRef> set(Account actor, AccountId patientId, AccountId delegateId, int scopes,
            Instant validUntil) {
        return instruction(actor, patientId, delegateId, scopes, validUntil).flatMap(d -> consents.delegateCustodial(
                actor, d.delegate(), d.scopes(), d.validUntil()));
    }

    /** Revokes a delegation in force or expired: scopes 0 on chain, effective from the block that carries it. */
    public Result<TxRef> revoke(Account actor, AccountId patientId, AccountId delegateId) {
        return set(actor, patientId, delegateId, 0, clock.instant());
    }

    /**
     * The delegation instruction the patient signs, checked as {@link #set} and {@link #revoke} check it (scopes 0
     * revokes one in force, from now): the node signs it for an agent-held patient, the device for a self-custodied
     * one (relayed with {@link ConsentService#relayDelegate}).
     */
    public Result<Payloads.Delegate> instruction(Account actor, AccountId patientId, AccountId delegateId, int scopes,
            Instant validUntil) {
        return patientActing(actor, patientId).flatMap(patient -> delegate(patient, delegateId).flatMap(d -> {
            if (scopes == 0) {
                sync.toHead();
                Optional<Delegation> current = store.delegation(patient.address(), d.address());
                if (current.isEmpty() || current.get().scopes() == 0) {
                    return Result.fail(ErrorCode.DELEGATION_NOT_FOUND, "no delegation from " + patientId + " to "
                            + delegateId + " to revoke");
                }
                // (no scopes, until 0): the state of never having delegated. A fixed value, so that the
                // instruction /consents/prepare hands a wallet is the one /consents/signed rebuilds a moment later
                // (a time taken twice differed across a second boundary and failed the signature, SALUS-0414).
                return Result.ok(new Payloads.Delegate(patient.address(), d.address(), 0, Instant.EPOCH));
            }
            if (scopes < 0 || scopes > 7) {
                return Result.fail(Failure.of(ErrorCode.INVALID_DELEGATION,
                        "name at least one scope of VIEW_RECORDS, MANAGE_CONSENT, RECEIVE_ALERTS", "scopes"));
            }
            if (!validUntil.isAfter(clock.instant())) {
                return Result.fail(Failure.of(ErrorCode.INVALID_DELEGATION, "validUntil " + validUntil
                        + " is not in the future", "validUntil"));
            }
            return Result.ok(new Payloads.Delegate(patient.address(), d.address(), scopes, validUntil));
        }));
    }

    /** The patient's delegations (revoked ones included, with their status); only the patient sees them. */
    public Result<List<Entry>> ofPatient(Account actor, AccountId patientId) {
        if (!actor.id().equals(patientId)) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the patient sees whom they delegated to");
        }
        sync.toHead();
        return Result.ok(store.delegationsOf(actor.address()).stream()
                .map(d -> entry(d, accounts.findByAddress(d.delegate()))).toList());
    }

    /** The patients who delegated to the actor, with the scopes and status of each delegation. */
    public List<Entry> actingFor(Account actor) {
        sync.toHead();
        return store.delegationsTo(actor.address()).stream()
                .map(d -> entry(d, accounts.findByAddress(d.patient()))).toList();
    }

    private Entry entry(Delegation d, Optional<Account> counterpart) {
        Status s = d.scopes() == 0
                ? Status.REVOKED
                : clock.instant().isBefore(d.validUntil()) ? Status.ACTIVE : Status.EXPIRED;
        return new Entry(d, counterpart, s);
    }

    private Result<Account> patientActing(Account actor, AccountId patientId) {
        Optional<Account> patient = accounts.find(patientId);
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + patientId);
        }
        if (patient.get().kind() != AccountKind.PATIENT) {
            return Result.fail(ErrorCode.NOT_A_PATIENT, "only a patient delegates");
        }
        if (!actor.id().equals(patientId)) {
            return Result.fail(ErrorCode.DELEGATION_BY_PATIENT_ONLY,
                    "only the patient states, widens or revokes their delegations, not a delegate or anyone else");
        }
        return Result.ok(patient.get());
    }

    private Result<Account> delegate(Account patient, AccountId delegateId) {
        Optional<Account> d = accounts.find(delegateId);
        if (d.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + delegateId);
        }
        if (d.get().id().equals(patient.id())) {
            return Result.fail(Failure.of(ErrorCode.INVALID_DELEGATION, "a patient cannot delegate to themself",
                    "delegateId"));
        }
        if (NOT_DELEGATES.contains(d.get().kind())) {
            return Result.fail(Failure.of(ErrorCode.INVALID_DELEGATION, d.get().kind()
                    + " accounts cannot act for patients", "delegateId"));
        }
        return Result.ok(d.get());
    }
}
