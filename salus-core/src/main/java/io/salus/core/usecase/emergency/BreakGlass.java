package io.salus.core.usecase.emergency;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.AuditEntry;
import io.salus.core.consent.Decision;
import io.salus.core.consent.Purpose;
import io.salus.core.emergency.BreakGlassAccess;
import io.salus.core.emergency.EmergencyCredentials;
import io.salus.core.emergency.EmergencyNotice;
import io.salus.core.emergency.Justification;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.port.AccountStore;
import io.salus.core.port.EmergencyStore;
import io.salus.core.port.EmergencySummary;
import io.salus.core.record.Category;
import io.salus.core.usecase.consent.AuditedRelease;
import io.salus.core.usecase.consent.DecisionPoint;
import io.salus.core.usecase.consent.Release;
import io.salus.core.usecase.consent.ReleasedRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Emergency (break-the-glass) access: a responder holding a presented emergency-responder or physician credential
 * opens a patient's emergency profile without any grant, unless the patient opted out in advance. In order, and
 * failing closed at each step: a justification; the credential (trusted issuer, status list re-read); the opt-out;
 * every decision audited as an AuditEvent (purpose ETREAT, basis break-the-glass) and each permit logged on
 * AccessLog and mined ({@code AUDIT_UNAVAILABLE} otherwise); the access and the notices to the patient and their
 * delegates stored in one transaction ({@code EMERGENCY_ACCESS_UNRECORDED} otherwise); only then are the records of
 * the emergency categories opened and summarised. Read-only; the profile may be read again, audited again, until the
 * access expires. Thread-safe.
 */
public final class BreakGlass {
    /** What an emergency profile is built from; blood type is a laboratory result, contacts are demographics. */
    public static final List<Category> CATEGORIES = List.of(Category.ALLERGIES, Category.MEDICATIONS,
            Category.CONDITIONS, Category.LAB_RESULTS, Category.DEMOGRAPHICS);
    private static final EnumSet<AccountKind> NEVER = EnumSet.of(AccountKind.OPERATOR, AccountKind.ISSUER,
            AccountKind.AUDITOR, AccountKind.PATIENT);
    private final AccountStore accounts;
    private final EmergencyStore store;
    private final ResponderCheck responders;
    private final AuditedRelease release;
    private final ReleasedRecords records;
    private final EmergencySummary summary;
    private final EmergencyNotices notices;
    private final Clock clock;
    private final Duration window;

    /** @param window how long after opening the profile may be read (the setting, 4 hours by default) */
    public BreakGlass(AccountStore accounts, EmergencyStore store, ResponderCheck responders, AuditedRelease release,
            ReleasedRecords records, EmergencySummary summary, EmergencyNotices notices, Clock clock,
            Duration window) {
        this.accounts = accounts;
        this.store = store;
        this.responders = responders;
        this.release = release;
        this.records = records;
        this.summary = summary;
        this.notices = notices;
        this.clock = clock;
        this.window = window;
    }

    /** What the responder sees: the access (with its expiry), the profile, and who was notified. */
    public record Opened(BreakGlassAccess access, byte[] profile, List<EmergencyNotice> notified) {
        public Opened {
            notified = List.copyOf(notified);
        }
    }

    public Result<Opened> open(Account responder, AccountId patientId, String justification) {
        if (NEVER.contains(responder.kind())) {
            return Result.fail(ErrorCode.NOT_A_CONSUMER, responder.kind() + " accounts do not break the glass");
        }
        Optional<Account> patient = accounts.find(patientId).filter(p -> p.kind() == AccountKind.PATIENT);
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no patient " + patientId);
        }
        Result<String> why = Justification.of(justification);
        if (!why.isOk()) {
            return why.propagate();
        }
        UUID id = UUID.randomUUID();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return audited(responder, patient.get(), id, at).flatMap(a -> {
            BreakGlassAccess access = new BreakGlassAccess(id, responder.id(), patientId, why.orElseThrow(),
                    a.credential().type(), a.credential().id(), at, at.plus(window),
                    a.audited().entries().stream().map(AuditEntry::id).toList(),
                    a.audited().entries().get(0).txHash().orElseThrow(), Optional.empty());
            List<EmergencyNotice> sent = notices.of(access, responder, patient.get());
            try {
                store.open(access, sent);
            } catch (SalusException e) {
                return Result.fail(ErrorCode.EMERGENCY_ACCESS_UNRECORDED,
                        "the emergency access could not be recorded: nothing shown (" + e.getMessage() + ")");
            }
            return profile(patient.get(), a.audited(), at).map(p -> new Opened(access, p, sent));
        });
    }

    /** The profile again, for the responder who opened the access, while it has not expired; audited again. */
    public Result<Opened> reread(Account responder, UUID accessId) {
        Optional<BreakGlassAccess> found = store.find(accessId).filter(a -> a.responder().equals(responder.id()));
        if (found.isEmpty()) {
            return Result.fail(ErrorCode.EMERGENCY_ACCESS_NOT_FOUND, "no emergency access " + accessId + " of yours");
        }
        BreakGlassAccess access = found.get();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!access.activeAt(at)) {
            return Result.fail(ErrorCode.EMERGENCY_ACCESS_EXPIRED,
                    "emergency access " + accessId + " expired at " + access.expiresAt());
        }
        Account patient = accounts.find(access.patient()).orElseThrow();
        return audited(responder, patient, accessId, at)
                .flatMap(a -> profile(patient, a.audited(), at).map(p -> new Opened(access, p, List.of())));
    }

    private record Checked(Attestation credential, AuditedRelease.Audited audited) {
    }

    /** Decides (credential, then opt-out), audits every decision and logs the permits on chain. */
    private Result<Checked> audited(Account responder, Account patient, UUID id, Instant at) {
        ResponderCheck.Checked checked = responders.check(responder, at);
        Result<Attestation> credential = checked.credential();
        Decision decision;
        if (!credential.isOk()) {
            decision = Decision.deny(credential.failure().code(), credential.failure().detail());
        } else if (store.optedOut(patient.id())) {
            decision = Decision.deny(ErrorCode.EMERGENCY_OPTED_OUT, "the patient opted out of emergency access");
        } else {
            Attestation c = credential.orElseThrow();
            decision = Decision.permitBreakGlass("break-the-glass access " + id + " on a " + c.type()
                    + " credential (attestation " + c.id() + "), justification recorded");
        }
        var decided = new DecisionPoint.Decided(checked.block(), CATEGORIES,
                CATEGORIES.stream().map(c -> decision).toList());
        return release.audit(responder, patient, Purpose.ETREAT, at, decided)
                .map(a -> new Checked(credential.orElseThrow(), a));
    }

    private Result<byte[]> profile(Account patient, AuditedRelease.Audited audited, Instant at) {
        return records.of(patient.id(), audited.released()).map(list -> summary.summarise(patient,
                list.stream().map(Release.ReleasedRecord::json).toList(), at));
    }
}
