package io.salus.core.usecase.device;

import io.salus.core.account.Account;
import io.salus.core.cohort.FeatureStore;
import io.salus.core.account.AccountId;
import io.salus.core.device.ImportFormat;
import io.salus.core.device.ImportedReadings;
import io.salus.core.device.Measurement;
import io.salus.core.device.Reading;
import io.salus.core.device.VitalSign;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.AccountStore;
import io.salus.core.port.DeviceFhir;
import io.salus.core.port.KeyManager;
import io.salus.core.port.KeyPurpose;
import io.salus.core.port.ReadingImportParser;
import io.salus.core.port.RecordStore;
import io.salus.core.record.Category;
import io.salus.core.record.DepositSummary;
import io.salus.core.record.NewDeposit;
import io.salus.core.record.NewRecord;
import io.salus.core.record.PatientKeyChanged;
import io.salus.core.record.Provenance;
import io.salus.core.record.RecordId;
import io.salus.core.usecase.RecordSealer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Imports readings from an export (Apple Health, a phone app's FHIR Bundle) into the patient's record on the same
 * sealed and anchored path as device batches: the patient or a provider caring for them; the file parsed by the
 * {@link ReadingImportParser}; every reading checked as intake checks a device's ({@link Measurement#of}); exact
 * duplicates dropped; the rest, in time order, split by record category into records of at most {@code chunk}
 * readings, each sealed as one record whose leaf is the root of its salted reading leaves (decision 0016) and stored
 * with its anchor request as one deposit. Each record's deposit is idempotent by a keyed hash of its readings' hashes, so importing the
 * same file again stores nothing new. Imported readings are history: they are not monitored. Thread-safe.
 */
public final class ReadingImports {
    private final DeviceAccess access;
    private final AccountStore accounts;
    private final RecordStore records;
    private final DeviceFhir fhir;
    private final ReadingImportParser parser;
    private final RecordSealer sealer;
    private final KeyManager keys;
    private final Clock clock;
    private final int chunk;
    private final CohortFeed cohort;

    public ReadingImports(AccountStore accounts, RecordStore records, DeviceFhir fhir, KeyManager keys,
            ReadingImportParser parser, CohortFeed cohort, Clock clock, int chunk) {
        this.cohort = cohort;
        this.access = new DeviceAccess(accounts);
        this.accounts = accounts;
        this.records = records;
        this.fhir = fhir;
        this.parser = parser;
        this.sealer = new RecordSealer(keys);
        this.keys = keys;
        this.clock = clock;
        this.chunk = chunk;
    }

    /** What an import stored: readings taken, their records (new or from an earlier import), types skipped. */
    public record Receipt(int readings, List<RecordId> records, int alreadyImported, Map<String, Integer> skipped) {
    }

    public Result<Receipt> importReadings(Account actor, AccountId patientId, ImportFormat format,
            ReadingImportParser.ByteSource body) {
        return access.mayRegisterFor(actor, patientId).flatMap(patient -> parser.parse(format, body)
                .flatMap(ReadingImports::checked).flatMap(imported -> store(actor, patient, imported)));
    }

    private static Result<ImportedReadings> checked(ImportedReadings in) {
        for (int i = 0; i < in.readings().size(); i++) {
            Result<Measurement> m = Measurement.of(in.readings().get(i));
            if (!m.isOk()) {
                return Result.fail(Failure.of(m.failure().code() == ErrorCode.DEVICE_READING_UNSUPPORTED
                        ? ErrorCode.IMPORT_WRONG_UNIT
                        : ErrorCode.IMPORT_MALFORMED, "reading " + i + ": " + m.failure().detail(),
                        "readings["
                                + i + "]"));
            }
        }
        if (in.readings().isEmpty()) {
            return Result.fail(ErrorCode.IMPORT_EMPTY, "the file holds no supported reading (skipped: "
                    + new TreeMap<>(in.skipped()) + ")");
        }
        return Result.ok(in);
    }

    private Result<Receipt> store(Account actor, Account patient, ImportedReadings in) {
        List<Reading> unique = new ArrayList<>(new LinkedHashSet<>(in.readings()));
        unique.sort(Comparator.comparing(Reading::at).thenComparing(Reading::loinc));
        Map<Category, List<Reading>> byCategory = new TreeMap<>();
        for (Reading r : unique) {
            byCategory.computeIfAbsent(category(r), c -> new ArrayList<>()).add(r);
        }
        List<RecordId> stored = new ArrayList<>();
        int earlier = 0;
        Account owner = patient;
        for (Map.Entry<Category, List<Reading>> e : byCategory.entrySet()) {
            List<Reading> all = e.getValue();
            for (int from = 0; from < all.size(); from += chunk) {
                List<Reading> part = all.subList(from, Math.min(all.size(), from + chunk));
                Stored s = storeOne(actor, owner, e.getKey(), in.format(), part);
                owner = s.owner();
                stored.add(s.record());
                earlier += s.earlier() ? 1 : 0;
            }
        }
        return Result.ok(new Receipt(unique.size(), stored, earlier, in.skipped()));
    }

    private record Stored(RecordId record, boolean earlier, Account owner) {
    }

    private Stored storeOne(Account actor, Account patient, Category category, ImportFormat format,
            List<Reading> part) {
        List<Hash32> hashes = part.stream().map(Reading::hash).toList();
        byte[] joined = new byte[hashes.size() * 32];
        for (int i = 0; i < hashes.size(); i++) {
            System.arraycopy(hashes.get(i).bytes(), 0, joined, i * 32, 32);
        }
        Hash32 digest = keys.keyedHash(KeyPurpose.RECORD_HASH, Hashing.sha256(joined).bytes());
        String key = "reading-import:" + digest.hex();
        Optional<DepositSummary> done = records.findDeposit(actor.id(), key);
        if (done.isPresent()) {
            return new Stored(done.get().records().get(0).id(), true, patient);
        }
        Account owner = patient;
        for (int attempt = 1;; attempt++) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            byte[] json = fhir.imported(owner.id(), actor.id(), format, part, now);
            NewRecord record = sealer.seal(owner, category, CohortFeed.BUNDLE, "import-" + digest.hex().substring(2,
                    18), json, hashes);
            List<FeatureStore.RecordFeatures> features = cohort.of(record.id(), json);
            Provenance provenance = new Provenance(actor.id(), UUID.randomUUID(), "import:" + format.id(), now);
            NewDeposit deposit = new NewDeposit(provenance, owner.id(), Optional.of(key), digest, List.of(record),
                    Set.of(), features, Optional.empty(), Optional.of(Hashing.sha256(owner.encryptionPublicKey())));
            try {
                DepositSummary s = records.saveDeposit(deposit, new OutboxMessage(OutboxKinds.ANCHOR_DEPOSIT,
                        provenance.depositId().toString(), Map.of("depositId", provenance.depositId().toString())));
                boolean replayed = !s.depositId().equals(provenance.depositId());
                if (!replayed) {
                    cohort.stored(owner, features);
                }
                return new Stored(s.records().get(0).id(), replayed, owner);
            } catch (PatientKeyChanged changed) {
                // a key recovery rotated the patient's key meanwhile: seal again to the new key
                Optional<Account> reread = accounts.find(owner.id());
                if (attempt == 3 || reread.isEmpty()) {
                    throw changed;
                }
                owner = reread.get();
            }
        }
    }

    private static Category category(Reading r) {
        return Category.of("Observation", Set.of(VitalSign.byLoinc(r.loinc()).orElseThrow().category()))
                .orElseThrow();
    }
}
