package io.salus.core.usecase.claims;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.claims.Adjudication;
import io.salus.core.claims.ClaimFacts;
import io.salus.core.claims.ClaimRules;
import io.salus.core.claims.CoveragePlan;
import io.salus.core.claims.StoredClaim;
import io.salus.core.claims.SubmittedClaim;
import io.salus.core.consent.Purpose;
import io.salus.core.credential.Licences;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.AccountStore;
import io.salus.core.port.ClaimFhir;
import io.salus.core.port.ClaimStore;
import io.salus.core.port.RecordStore;
import io.salus.core.record.RecordId;
import io.salus.core.record.StoredRecord;
import io.salus.core.usecase.consent.DecisionPoint;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A provider submits a FHIR R4 Claim for a patient (docs/care.md). Refused before anything is stored: a caller that is
 * not a provider, a provider the licence policy stops, an unknown patient, a Claim that is not valid R4 or breaks the
 * node's rules, one naming another provider or another payee, or a coverage that is not the patient's. Otherwise the
 * claim is adjudicated ({@link ClaimRules}) against the coverage, the provider's licence, the cited records and the
 * patient's consent for the insurer (decision point, purpose HPAYMT; nothing is released), and stored with its
 * ClaimResponse and the outbox message that anchors its salted digest and pays it when approved, in one transaction.
 * Adjudications of the same node are serialised, so two claims never both use a limit's last amount. Thread-safe.
 */
public final class ClaimSubmissions {
    /** The outbox kind that records a claim on chain and pays it when approved. Payload: claimId. */
    public static final String SETTLE_CLAIM = "settle-claim";
    private final AccountStore accounts;
    private final RecordStore records;
    private final ClaimStore store;
    private final ClaimFhir fhir;
    private final DecisionPoint decisions;
    private final Clock clock;
    private final SecureRandom random;
    private final Object adjudicating = new Object();

    public ClaimSubmissions(AccountStore accounts, RecordStore records, ClaimStore store, ClaimFhir fhir,
            DecisionPoint decisions, Clock clock, SecureRandom random) {
        this.accounts = accounts;
        this.records = records;
        this.store = store;
        this.fhir = fhir;
        this.decisions = decisions;
        this.clock = clock;
        this.random = random;
    }

    public Result<StoredClaim> submit(Account provider, AccountId patientId, byte[] json) {
        if (!provider.kind().isProvider()) {
            return Result.fail(ErrorCode.CLAIM_NOT_A_PROVIDER, "a " + provider.kind() + " submits no claims");
        }
        Instant now = clock.instant();
        DecisionPoint.Licensing licensing = decisions.licensing(provider, now);
        if (licensing.refusal().isPresent()) {
            return Result.fail(licensing.refusal().get().code().orElseThrow(), licensing.refusal().get().reason());
        }
        Optional<Account> patient = accounts.find(patientId).filter(a -> a.kind() == AccountKind.PATIENT);
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no such patient");
        }
        Result<SubmittedClaim> parsed = fhir.parse(json);
        if (!parsed.isOk()) {
            return parsed.propagate();
        }
        SubmittedClaim claim = parsed.orElseThrow();
        if (!claim.patientRef().equals(patientId.toString())) {
            return Result.fail(ErrorCode.CLAIM_INVALID, "Claim.patient must be Patient/" + patientId);
        }
        if (!claim.providerRef().equals(provider.id().toString())) {
            return Result.fail(ErrorCode.CLAIM_WRONG_PROVIDER, "Claim.provider must name the caller");
        }
        if (claim.payeeRef().filter(p -> !p.equals(provider.id().toString())).isPresent()) {
            return Result.fail(ErrorCode.CLAIM_PAYEE_NOT_PROVIDER, "Claim.payee.party must be the caller");
        }
        Optional<CoveragePlan> coverage = store.coverage(claim.coverage()).filter(c -> c.patient().equals(patientId));
        Optional<Account> insurer = coverage.flatMap(c -> accounts.find(c.insurer()));
        if (insurer.isEmpty()) {
            return Result.fail(ErrorCode.CLAIM_COVERAGE_NOT_FOUND, "Coverage/" + claim.coverage()
                    + " is not this patient's");
        }
        List<ClaimFacts.Evidence> evidence = evidence(claim, patient.get(), insurer.get(), now);
        boolean licensed = licensing.checked().standing() == Licences.Standing.LICENSED;
        synchronized (adjudicating) {
            Adjudication a = ClaimRules.adjudicate(claim.lines(), new ClaimFacts(coverage.get(), licensed, evidence,
                    store.approvedSoFar(coverage.get().id())));
            UUID id = UUID.randomUUID();
            byte[] salt = new byte[32];
            random.nextBytes(salt);
            Hash32 s = Hash32.of(salt);
            StoredClaim stored = new StoredClaim(id, patientId, provider.id(), insurer.get().id(), coverage.get().id(),
                    now, a.outcome(), a.approvedTotal(), a.allReasons(), claim.canonical(),
                    fhir.response(id, claim, insurer.get().id().toString(), a, now),
                    StoredClaim.digest(s, claim.canonical()), s, Optional.empty(),
                    Optional.empty());
            Map<String, Long> approved = a.lines().stream().filter(l -> l.approved() > 0).collect(
                    java.util.stream.Collectors.toMap(Adjudication.Line::service, Adjudication.Line::approved,
                            Long::sum, java.util.TreeMap::new));
            store.saveClaim(stored, approved,
                    new OutboxMessage(SETTLE_CLAIM, id.toString(), Map.of("claimId", id.toString())));
            return Result.ok(stored);
        }
    }

    /** Each cited record: the patient's, with the insurer's consent decision for its category; or missing. */
    private List<ClaimFacts.Evidence> evidence(SubmittedClaim claim, Account patient, Account insurer, Instant now) {
        List<ClaimFacts.Evidence> out = new ArrayList<>();
        for (RecordId id : claim.evidence()) {
            Optional<StoredRecord> r = records.find(id).filter(x -> x.patient().equals(patient.id()));
            if (r.isEmpty()) {
                out.add(ClaimFacts.Evidence.missing(id));
                continue;
            }
            var decided = decisions.decide(insurer, patient, List.of(r.get().category()), Purpose.HPAYMT, now);
            out.add(new ClaimFacts.Evidence(id, Optional.of(decided.decisions().get(0))));
        }
        return out;
    }
}
