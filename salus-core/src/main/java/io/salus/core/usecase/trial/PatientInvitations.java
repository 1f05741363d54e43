package io.salus.core.usecase.trial;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.account.CustodyMode;
import io.salus.core.account.EvmAddress;
import io.salus.core.custody.AddressRecovery;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AccountStore;
import io.salus.core.port.CohortQuery;
import io.salus.core.port.DigestSigner;
import io.salus.core.port.KeyManager;
import io.salus.core.port.TrialFhir;
import io.salus.core.port.TrialLedger;
import io.salus.core.port.TrialStore;
import io.salus.core.trial.Enrolment;
import io.salus.core.trial.Invitation;
import io.salus.core.trial.Study;
import io.salus.core.usecase.deal.DealAccess;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A patient's side of recruitment: their invitations with the study they are for, the consent digest to sign (for a
 * patient holding their own keys), accepting (opting in) and declining. Accepting re-checks everything at that moment
 * (the study funded and open, below its cap, the patient still eligible with a standing consent) and then signs the
 * study-scoped consent: with the custodial key for an agent-mode patient, or takes the patient's own signature (which
 * must recover to the patient) for a self-custody one. The enrolment, its ResearchSubject and its payment message are
 * stored in one transaction and the fee is paid at once ({@link TrialPayments}). Only the invited patient may answer;
 * anyone else is told there is no such invitation. Thread-safe.
 */
public final class PatientInvitations {
    private final TrialStore store;
    private final CohortQuery cohorts;
    private final AccountStore accounts;
    private final KeyManager keys;
    private final DigestSigner signer;
    private final AddressRecovery recovery;
    private final TrialLedger ledger;
    private final TrialFhir fhir;
    private final TrialPayments payments;
    private final Clock clock;

    public PatientInvitations(TrialStore store, CohortQuery cohorts, AccountStore accounts, KeyManager keys,
            DigestSigner signer, AddressRecovery recovery, TrialLedger ledger, TrialFhir fhir,
            TrialPayments payments, Clock clock) {
        this.store = store;
        this.cohorts = cohorts;
        this.accounts = accounts;
        this.keys = keys;
        this.signer = signer;
        this.recovery = recovery;
        this.ledger = ledger;
        this.fhir = fhir;
        this.payments = payments;
        this.clock = clock;
    }

    /** An invitation with its study and, once accepted, the enrolment. */
    public record Invited(Invitation invitation, Study study, Optional<Enrolment> enrolment) {
    }

    public List<Invited> invitations(Account patient, int limit) {
        List<Invited> out = new ArrayList<>();
        for (Invitation i : store.invitationsOf(patient.id(), limit)) {
            store.find(i.study()).ifPresent(s -> out.add(new Invited(i, s, store.enrolment(s.id(), patient.id()))));
        }
        return out;
    }

    /** The EIP-712 digest the patient signs to accept (the fee is paid to the patient's own address). */
    public Result<Hash32> consentDigest(Account patient, String invitationId) {
        return mine(patient, invitationId).map(i -> ledger.consentDigest(i.study(), patient.address(),
                patient.address()));
    }

    public Result<Invitation> decline(Account patient, String invitationId) {
        return mine(patient, invitationId).flatMap(i -> store.decline(i.id(), clock.instant())
                ? Result.ok(store.invitation(i.id()).orElseThrow())
                : Result.fail(ErrorCode.TRIAL_INVITATION_ANSWERED, "invitation " + i.id() + " is " + i.status()));
    }

    /** Opts in; {@code signature}: the patient's own signature of the consent digest (self-custody only). */
    public Result<Enrolment> accept(Account patient, String invitationId, Optional<byte[]> signature) {
        Result<Invitation> inv = mine(patient, invitationId);
        if (!inv.isOk()) {
            return inv.propagate();
        }
        Invitation i = inv.orElseThrow();
        if (i.status() != Invitation.Status.INVITED) {
            return Result.fail(ErrorCode.TRIAL_INVITATION_ANSWERED, "invitation " + i.id() + " is " + i.status());
        }
        Study s = store.find(i.study()).orElseThrow();
        Result<Study> open = SponsorDesk.open(s, clock);
        if (!open.isOk()) {
            return open.propagate();
        }
        if (store.activeEnrolments(s.id()) >= s.terms().cap()) {
            return Result.fail(ErrorCode.TRIAL_FULL, "study " + s.id() + " enrolled its cap of " + s.terms().cap());
        }
        Result<Boolean> eligible = stillEligible(s, patient.address());
        if (!eligible.isOk()) {
            return eligible.propagate();
        }
        if (!eligible.orElseThrow()) {
            return Result.fail(ErrorCode.TRIAL_NOT_ELIGIBLE, "the patient no longer meets the study's criteria "
                    + "with a standing consent for " + s.categories() + " and " + s.purpose());
        }
        Hash32 digest = ledger.consentDigest(s.id(), patient.address(), patient.address());
        Result<byte[]> signed = sign(patient, digest, signature);
        if (!signed.isOk()) {
            return signed.propagate();
        }
        String sig = "0x" + HexFormat.of().formatHex(signed.orElseThrow());
        Instant now = clock.instant();
        Result<String> subject = fhir.researchSubject(s, patient.id(), sig, now);
        if (!subject.isOk()) {
            return subject.propagate();
        }
        Enrolment e = new Enrolment(s.id(), patient.id(), patient.address(), patient.address(), sig,
                subject.orElseThrow(), Enrolment.Status.PENDING, Optional.empty(), Optional.empty(), now);
        if (!store.accept(i.id(), e, now)) {
            return Result.fail(ErrorCode.TRIAL_INVITATION_ANSWERED, "invitation " + i.id() + " was answered or the "
                    + "patient is enrolled already");
        }
        return Result.ok(payments.pay(e));
    }

    private Result<Boolean> stillEligible(Study s, EvmAddress patient) {
        Optional<Account> sponsor = accounts.find(s.sponsor());
        if (sponsor.isEmpty()) {
            return Result.fail(ErrorCode.TRIAL_NOT_FOUND, "the study's sponsor is gone");
        }
        return SponsorDesk.criterion(cohorts, s)
                .flatMap(c -> cohorts.eligible(sponsor.get(), c, s.categories(), s.purpose()))
                .map(list -> list.contains(patient));
    }

    private Result<byte[]> sign(Account patient, Hash32 digest, Optional<byte[]> given) {
        if (accounts.custodyOf(patient.id()) == CustodyMode.SELF) {
            if (given.isEmpty()) {
                return Result.fail(ErrorCode.TRIAL_SIGNATURE_REQUIRED, "sign the consent digest " + digest.hex()
                        + " (GET .../consent-digest) with your own key and send it as signature");
            }
            Result<EvmAddress> signer = recovery.recover(digest, given.get());
            if (!signer.isOk() || !signer.orElseThrow().equals(patient.address())) {
                return Result.fail(ErrorCode.TRIAL_CONSENT_NOT_SIGNED, "the signature does not recover to the "
                        + "patient's address");
            }
            return Result.ok(given.get().clone());
        }
        return DealAccess.withSigningKey(accounts, keys, patient, k -> Result.ok(signer.sign(digest, k)));
    }

    /** The caller's own invitation; anyone else (and a malformed id) gets {@code TRIAL_INVITATION_NOT_FOUND}. */
    private Result<Invitation> mine(Account patient, String invitationId) {
        Optional<Invitation> i;
        try {
            i = store.invitation(UUID.fromString(invitationId));
        } catch (IllegalArgumentException | NullPointerException e) {
            i = Optional.empty();
        }
        return i.filter(x -> patient.kind() == AccountKind.PATIENT && x.patient().equals(patient.id()))
                .map(Result::ok).orElseGet(() -> Result.fail(ErrorCode.TRIAL_INVITATION_NOT_FOUND,
                        "no invitation " + invitationId + " of this patient"));
    }
}
