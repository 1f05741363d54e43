package io.salus.core.usecase.consent;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AuditEntry;
import io.salus.core.consent.Decision;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.DelegationScope;
import io.salus.core.consent.Grant;
import io.salus.core.deal.DealEvent;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import io.salus.core.port.AuditLog;
import io.salus.core.port.ConsentStore;
import io.salus.core.port.TrialStore;
import io.salus.core.recovery.RecoveryAlert;
import io.salus.core.recovery.RecoveryStore;
import io.salus.core.trial.Invitation;
import io.salus.core.usecase.deal.DealEarnings;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * A patient's alerts, derived from what the node already keeps rather than from an event bus: the audit trail (an
 * access to their data permitted or denied), the consent projection (a consent granted or revoked, a delegation set
 * or changed), the escrow's payments on chain (a deal paid them, at one of their per-deal claim addresses) and the
 * recoveries of their key (opened, approved, completed, cancelled: stored alerts, which the guardians receive too)
 * and their invitations to clinical studies (with whether they accepted or declined).
 * Readable by the patient and by delegates whose delegation includes {@code RECEIVE_ALERTS}, as the
 * {@link DecisionPoint} decides; anyone else gets {@code DELEGATION_SCOPE}. Chain-derived alerts carry their block's
 * time. Newest first. Thread-safe.
 */
public final class PatientAlerts {
    private final AccountStore accounts;
    private final AuditLog audit;
    private final ConsentStore consents;
    private final DecisionPoint decisionPoint;
    private final DealEarnings earnings;
    private final LongFunction<Instant> blockTime;
    private final Clock clock;
    private final RecoveryStore recoveries;
    private final TrialStore trials;

    public PatientAlerts(AccountStore accounts, AuditLog audit, ConsentStore consents, DecisionPoint decisionPoint,
            DealEarnings earnings, LongFunction<Instant> blockTime, Clock clock, RecoveryStore recoveries,
            TrialStore trials) {
        this.recoveries = recoveries;
        this.trials = trials;
        this.accounts = accounts;
        this.audit = audit;
        this.consents = consents;
        this.decisionPoint = decisionPoint;
        this.earnings = earnings;
        this.blockTime = blockTime;
        this.clock = clock;
    }

    public enum Kind {
        ACCESS_PERMITTED,
        ACCESS_DENIED,
        CONSENT_GRANTED,
        CONSENT_REVOKED,
        DELEGATION_CHANGED,
        DEAL_PAID,
        RECOVERY_OPENED,
        RECOVERY_APPROVED,
        RECOVERY_COMPLETED,
        RECOVERY_CANCELLED,
        TRIAL_INVITED
    }

    /** One alert: what happened, when, the chain block and transaction when it is on chain, and its particulars. */
    public record Alert(Kind kind, Instant at, Optional<Long> block, Optional<String> txHash, String text,
            Map<String, Object> facts) {
        public Alert {
            facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        }
    }

    /** At most {@code limit} alerts about the patient, newest first. */
    public Result<List<Alert>> of(Account actor, AccountId patientId, int limit) {
        Optional<Account> patient = accounts.find(patientId).filter(p -> p.kind() == AccountKind.PATIENT);
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no patient " + patientId);
        }
        Decision may = decisionPoint.decideScope(actor, patient.get(), DelegationScope.RECEIVE_ALERTS,
                clock.instant());
        if (!may.permitted()) {
            return Result.fail(Failure.of(may.code().orElseThrow(), "only the patient or a delegate receiving "
                    + "their alerts: " + may.reason()));
        }
        EvmAddress p = patient.get().address();
        List<Alert> out = new ArrayList<>();
        audit.forPatient(patientId, limit).forEach(e -> out.add(access(e)));
        for (Grant g : consents.grantsOf(p)) {
            out.add(chain(Kind.CONSENT_GRANTED, g.grantedAtBlock(), Optional.empty(), "consent " + g.id()
                    + " granted" + (g.signer().equals(p) ? "" : " by delegate " + name(g.signer())),
                    Map.of("grantId", g.id(), "signer", g.signer().hex())));
            g.revokedAtBlock().ifPresent(b -> out.add(chain(Kind.CONSENT_REVOKED, b, Optional.empty(),
                    "consent " + g.id() + " revoked", Map.of("grantId", g.id()))));
        }
        for (Delegation d : consents.delegationsOf(p)) {
            out.add(chain(Kind.DELEGATION_CHANGED, d.atBlock(), Optional.empty(), d.scopes() == 0
                    ? "delegation to " + name(d.delegate()) + " revoked"
                    : "delegation to " + name(d.delegate()) + ": "
                            + DelegationScope.fromMask(d.scopes()) + " until " + d.validUntil(),
                    Map.of("delegate", d.delegate().hex(), "scopes", DelegationScope.fromMask(d.scopes()).stream()
                            .map(Enum::name).toList(), "validUntil", d.validUntil().toString())));
        }
        for (DealEvent.Paid paid : earnings.payments(patient.get())) {
            out.add(chain(Kind.DEAL_PAID, paid.block(), Optional.of(paid.txHash()), "deal " + paid.dealId()
                    + " paid " + paid.amount() + " token units (" + paid.role() + ")",
                    Map.of("dealId", paid.dealId().hex(), "amount", paid.amount(), "role", paid.role().name())));
        }
        for (RecoveryAlert r : recoveries.alertsFor(patientId, limit)) {
            out.add(new Alert(Kind.valueOf(r.kind().name()), r.at(), Optional.empty(), Optional.empty(), r.text(),
                    Map.of("recoveryId", r.recovery().toString())));
        }
        for (Invitation i : trials.invitationsOf(patientId, limit)) {
            trials.find(i.study()).ifPresent(s -> out.add(new Alert(Kind.TRIAL_INVITED, i.invitedAt(),
                    Optional.empty(), Optional.empty(), "invited to the study \"" + s.title() + "\" of "
                            + s.organisation() + " (fee " + s.terms().feePerPatient() + " token units): "
                            + i.status().name().toLowerCase(Locale.ROOT),
                    Map.of("invitationId", i.id().toString(), "studyId", s.id().hex(), "status",
                            i.status().name()))));
        }
        out.sort(Comparator.comparing(Alert::at).thenComparing(a -> a.block().orElse(Long.MAX_VALUE))
                .reversed());
        return Result.ok(List.copyOf(out.subList(0, Math.min(limit, out.size()))));
    }

    private Alert access(AuditEntry e) {
        String who = accounts.find(e.requester()).map(a -> a.displayName() + " (" + a.kind() + ")")
                .orElse(e.requester().toString());
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("requesterId", e.requester().toString());
        facts.put("category", e.category().name());
        facts.put("purpose", e.purpose().name());
        facts.put("basis", e.decision().basis().name());
        e.decision().code().ifPresent(c -> facts.put("code", c.code()));
        e.decision().grantId().ifPresent(g -> facts.put("grantId", g));
        boolean ok = e.decision().permitted();
        return new Alert(ok ? Kind.ACCESS_PERMITTED : Kind.ACCESS_DENIED, e.at(), e.block(), e.txHash(),
                (ok ? "access to " : "refused access to ") + e.category() + " for " + e.purpose() + " by " + who,
                facts);
    }

    private Alert chain(Kind kind, long block, Optional<String> tx, String text, Map<String, Object> facts) {
        return new Alert(kind, blockTime.apply(block), Optional.of(block), tx, text, facts);
    }

    private String name(EvmAddress a) {
        return accounts.findByAddress(a).map(Account::displayName).orElse(a.hex());
    }
}
