package io.salus.core.usecase;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.cohort.FeatureStore;
import io.salus.core.cohort.PatientFacts;
import io.salus.core.port.AccountStore;
import io.salus.core.port.FeatureExtraction;
import io.salus.core.port.BundleParser;
import io.salus.core.port.BundleParser.ParsedBundle;
import io.salus.core.port.BundleParser.ParsedResource;
import io.salus.core.port.KeyManager;
import io.salus.core.port.KeyPurpose;
import io.salus.core.port.RecordStore;
import io.salus.core.record.DepositSummary;
import io.salus.core.record.ForeignPatientIdentifiers;
import io.salus.core.record.NewDeposit;
import io.salus.core.record.NewRecord;
import io.salus.core.record.PatientKeyChanged;
import io.salus.core.record.Provenance;
import io.salus.core.record.RecordSummary;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Deposits a FHIR bundle for a patient: checks who may deposit, validates, seals every record under a fresh data key
 * (all of a deposit's records to the patient under one HPKE encapsulation, decision 0033), and stores records and the anchoring outbox message atomically (one statement, decision 0042; the store also refuses a
 * Patient whose identifiers none of the patient's earlier deposits carried). Nothing is stored unless everything is
 * valid. Idempotent by (author, idempotency key). Thread-safe.
 */
public final class DepositService {
    private final AccountStore accounts;
    private final RecordStore records;
    private final KeyManager keys;
    private final RecordSealer sealer;
    private final BundleParser parser;
    private final FeatureExtraction extraction;
    private final Consumer<Deposited> onDeposited;
    private final Clock clock;
    private final ProviderAdmission admission;

    public DepositService(AccountStore accounts, RecordStore records, KeyManager keys, BundleParser parser,
            FeatureExtraction extraction, Consumer<Deposited> onDeposited, Clock clock) {
        this(accounts, records, keys, parser, extraction, onDeposited, clock, ProviderAdmission.ANY);
    }

    /** With provider credentialing: a provider's deposit is refused while {@code admission} refuses it. */
    public DepositService(AccountStore accounts, RecordStore records, KeyManager keys, BundleParser parser,
            FeatureExtraction extraction, Consumer<Deposited> onDeposited, Clock clock,
            ProviderAdmission admission) {
        this.admission = admission;
        this.accounts = accounts;
        this.records = records;
        this.keys = keys;
        this.sealer = new RecordSealer(keys);
        this.parser = parser;
        this.extraction = extraction;
        this.onDeposited = onDeposited;
        this.clock = clock;
    }

    /** What a committed deposit adds to the in-memory cohort index. */
    public record Deposited(Account patient, List<FeatureStore.RecordFeatures> features,
            Optional<PatientFacts> facts) {
    }

    public record Command(Account author, AccountId patientId, byte[] body, Optional<String> idempotencyKey,
            String source) {
    }

    public Result<DepositReceipt> deposit(Command cmd) {
        Result<Account> patient = authorise(cmd.author(), cmd.patientId());
        if (!patient.isOk()) {
            return patient.propagate();
        }
        Hash32 requestHash = keys.keyedHash(KeyPurpose.RECORD_HASH,
                Hashing.sha256(concat(cmd.patientId().toString(), cmd.body())).bytes());
        if (cmd.idempotencyKey().isPresent()) {
            Optional<DepositSummary> earlier = records.findDeposit(cmd.author().id(), cmd.idempotencyKey().get());
            if (earlier.isPresent()) {
                return replay(earlier.get(), requestHash, 0);
            }
        }
        Result<ParsedBundle> parsed = parser.parse(cmd.body());
        if (!parsed.isOk()) {
            return parsed.propagate();
        }
        ParsedBundle bundle = parsed.orElseThrow();
        Account owner = patient.orElseThrow();
        for (int attempt = 1;; attempt++) {
            try {
                return sealAndStore(cmd, owner, bundle, requestHash);
            } catch (ForeignPatientIdentifiers e) {
                // checked by the store in the statement that writes the deposit (decision 0042): nothing was stored
                return Result.fail(ErrorCode.FOREIGN_PATIENT, e.getMessage());
            } catch (PatientKeyChanged e) {
                // a key recovery rotated the patient's key between sealing and storing: seal again to the new key
                Optional<Account> reread = accounts.find(cmd.patientId());
                if (attempt == 3 || reread.isEmpty()) {
                    throw e;
                }
                owner = reread.get();
            }
        }
    }

    private Result<DepositReceipt> sealAndStore(Command cmd, Account patient, ParsedBundle bundle,
            Hash32 requestHash) {
        Provenance provenance = new Provenance(cmd.author().id(), UUID.randomUUID(), cmd.source(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        List<NewRecord> sealed;
        try (RecordSealer.Session session = sealer.session(patient)) {
            sealed = bundle.resources().parallelStream()
                    .map(r -> session.seal(r.category(), r.resourceType(), r.fhirId(), r.json())).toList();
        }
        List<FeatureStore.RecordFeatures> features = new java.util.ArrayList<>();
        Optional<PatientFacts> facts = Optional.empty();
        for (int i = 0; i < sealed.size(); i++) {
            ParsedResource r = bundle.resources().get(i);
            if ("Patient".equals(r.resourceType())) {
                facts = Optional.of(extraction.facts(r.json()));
            }
            var f = extraction.features(r.resourceType(), r.json());
            if (!f.isEmpty()) {
                features.add(new FeatureStore.RecordFeatures(sealed.get(i).id(), f));
            }
        }
        NewDeposit deposit = new NewDeposit(provenance, cmd.patientId(), cmd.idempotencyKey(), requestHash, sealed,
                bundle.patientIdentifiers(), features, facts,
                Optional.of(Hashing.sha256(patient.encryptionPublicKey())));
        OutboxMessage anchor = new OutboxMessage(OutboxKinds.ANCHOR_DEPOSIT, provenance.depositId().toString(),
                Map.of("depositId", provenance.depositId().toString()));
        DepositSummary stored = records.saveDeposit(deposit, anchor);
        if (!stored.depositId().equals(provenance.depositId())) {
            return replay(stored, requestHash, bundle.skipped());
        }
        onDeposited.accept(new Deposited(patient, features, facts));
        return Result.ok(receipt(stored, bundle.skipped(), false));
    }

    private Result<Account> authorise(Account author, AccountId patientId) {
        if (author.id().equals(patientId)) {
            // a patient's own deposit: their account was read when they were authenticated, no second read (decision
            // 0042); a key rotated since is caught by the store under the account's lock (PatientKeyChanged: re-read
            // and seal again)
            return author.kind() == AccountKind.PATIENT
                    ? Result.ok(author)
                    : Result.fail(ErrorCode.NOT_A_PATIENT, "account " + patientId + " is not a patient");
        }
        Optional<Account> patient = accounts.find(patientId);
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + patientId);
        }
        if (patient.get().kind() != AccountKind.PATIENT) {
            return Result.fail(ErrorCode.NOT_A_PATIENT, "account " + patientId + " is not a patient");
        }
        if (!author.kind().isProvider()) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the patient or a provider caring for them may deposit");
        }
        if (!accounts.caresFor(author.id(), patientId)) {
            return Result.fail(ErrorCode.NO_CARE_RELATIONSHIP,
                    "provider " + author.id() + " is not linked to patient " + patientId);
        }
        Optional<Failure> refused = admission.refusal(author);
        if (refused.isPresent()) {
            return Result.fail(refused.get());
        }
        return Result.ok(patient.get());
    }

    private Result<DepositReceipt> replay(DepositSummary earlier, Hash32 requestHash, int skipped) {
        if (!earlier.requestHash().equals(requestHash)) {
            return Result.fail(ErrorCode.IDEMPOTENCY_CONFLICT,
                    "this Idempotency-Key was already used for a different deposit " + earlier.depositId());
        }
        return Result.ok(receipt(earlier, skipped, true));
    }

    static DepositReceipt receipt(DepositSummary s, int skipped, boolean replayed) {
        Map<String, Integer> byCategory = new TreeMap<>();
        for (RecordSummary r : s.records()) {
            byCategory.merge(r.category().name(), 1, Integer::sum);
        }
        return new DepositReceipt(s.depositId(), s.patient().toString(), s.author().toString(), s.depositedAt(),
                s.records(), byCategory, skipped, replayed);
    }

    private static byte[] concat(String prefix, byte[] body) {
        byte[] p = (prefix + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[p.length + body.length];
        System.arraycopy(p, 0, out, 0, p.length);
        System.arraycopy(body, 0, out, p.length, body.length);
        return out;
    }
}
