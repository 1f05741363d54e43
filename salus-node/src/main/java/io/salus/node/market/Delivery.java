package io.salus.node.market;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.AuditEntry;
import io.salus.core.consent.Decision;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.port.AccountStore;
import io.salus.core.port.AuditEventFormatter;
import io.salus.core.port.AuditLog;
import io.salus.core.port.ConsentStore;
import io.salus.core.port.DealLedger;
import io.salus.core.port.RecordStore;
import io.salus.core.record.Category;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import io.salus.core.usecase.RecordService;
import io.salus.crypto.PackageCrypto;
import io.salus.fhir.deid.BulkPackage;
import io.salus.fhir.deid.BulkPackageWriter;
import io.salus.fhir.deid.DealKey;
import io.salus.fhir.deid.DeidentifiedPatient;
import io.salus.fhir.deid.Deidentifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Delivery of a matched deal: each matched patient's consent is checked again (a patient who revoked since the match is
 * excluded and not paid); the included patients' records of the deal's categories are decrypted, integrity-checked,
 * de-identified with the deal's secret, packed as FHIR Bulk Data NDJSON, encrypted to the consumer's key (HPKE), and
 * every release is audited; then the escrow settles on chain with the package hash, paying each included patient's
 * price split among patient, authoring providers, caregiver, DAO treasury and operator. Thread-safe.
 */
public final class Delivery {
    private final AccountStore accounts;
    private final RecordStore records;
    private final RecordService opener;
    private final PriceCheck prices;
    private final ConsentStore consents;
    private final AuditLog audit;
    private final AuditEventFormatter formatter;
    private final DealLedger ledger;
    private final PackageCrypto crypto;
    private final Deidentifier deidentifier;
    private final Clock clock;

    public Delivery(AccountStore accounts, RecordStore records, RecordService opener, PriceCheck prices,
            ConsentStore consents, AuditLog audit, AuditEventFormatter formatter, DealLedger ledger,
            PackageCrypto crypto, Deidentifier deidentifier, Clock clock) {
        this.accounts = accounts;
        this.records = records;
        this.opener = opener;
        this.prices = prices;
        this.consents = consents;
        this.audit = audit;
        this.formatter = formatter;
        this.ledger = ledger;
        this.crypto = crypto;
        this.deidentifier = deidentifier;
        this.clock = clock;
    }

    record Included(Account patient, DeidentifiedPatient data, Payout payout, List<AuditEntry> audit) {
    }

    Result<DealRecord> deliver(Account consumer, DealRecord d, DealFiles files) {
        prices.sync();
        List<Category> categories = d.categories().stream().map(Category::valueOf).toList();
        Purpose purpose = Purpose.valueOf(d.purpose());
        DealKey key = DealKey.of(d.dealId(), HexFormat.of().parseHex(d.secretHex()));
        List<Result<Optional<Included>>> results = d.matched().parallelStream()
                .map(m -> include(consumer, m, categories, purpose, d.pricePerPatient(), key)).toList();
        List<Included> included = new ArrayList<>();
        for (Result<Optional<Included>> r : results) {
            if (!r.isOk()) {
                return Result.fail(r.failure());
            }
            r.orElseThrow().ifPresent(included::add);
        }
        if (included.isEmpty()) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "no matched patient still consents: nothing delivered");
        }
        audit.record(included.stream().flatMap(i -> i.audit().stream()).toList(), List.of());
        Path out = files.packageFile(d.dealId());
        Hash32 packageHash;
        try {
            Path zip = Files.createTempFile(out.getParent() == null ? null : ensure(out.getParent()), "pkg", ".zip");
            BulkPackage pkg = BulkPackageWriter.write(d.dealId(), clock.instant(),
                    included.stream().map(Included::data).toList(), zip);
            crypto.encrypt(pkg.file(), out, consumer.encryptionPublicKey());
            Files.deleteIfExists(zip);
            packageHash = Hashing.keccak256(Files.readAllBytes(out));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the package of deal " + d.dealId(), e);
        }
        return ledger.settle(Hash32.fromHex(d.dealId()), packageHash, included.stream().map(Included::payout).toList())
                .map(s -> {
                    List<String> txs = new ArrayList<>(d.settlementTxs());
                    s.txs().forEach(t -> txs.add(t.txHash()));
                    return d.with("SETTLED", d.matched(), packageHash.hex(), included.size(), txs);
                });
    }

    private Result<Optional<Included>> include(Account consumer, DealRecord.Member m, List<Category> categories,
            Purpose purpose, long price, DealKey key) {
        Optional<Account> patient = AccountId.parse(m.patientId()).flatMap(accounts::find);
        if (patient.isEmpty() || !prices.accepts(consumer, patient.get(), categories, purpose, price)) {
            return Result.ok(Optional.empty());
        }
        List<byte[]> jsons = new ArrayList<>();
        Map<AccountId, Integer> authored = new HashMap<>();
        String patientFhirId = patient.get().id().toString();
        for (RecordSummary s : records.listByPatient(patient.get().id())) {
            if ("Patient".equals(s.resourceType()) && s.fhirId() != null) {
                patientFhirId = s.fhirId();
            }
            if (!categories.contains(s.category())) {
                continue;
            }
            Optional<StoredRecord> r = records.find(s.id());
            if (r.isEmpty()) {
                continue;
            }
            var opened = opener.openForRelease(r.get());
            if (!opened.isOk()) {
                return Result.fail(opened.failure());
            }
            jsons.add(opened.orElseThrow().json());
            authored.merge(r.get().provenance().author(), 1, Integer::sum);
        }
        Result<DeidentifiedPatient> data = deidentifier.deidentify(key, patientFhirId, jsons);
        if (!data.isOk()) {
            return Result.fail(data.failure());
        }
        return Result.ok(Optional.of(new Included(patient.get(), data.orElseThrow(),
                payout(patient.get(), authored), audit(consumer, patient.get(), categories, purpose, key))));
    }

    private Payout payout(Account patient, Map<AccountId, Integer> authored) {
        List<ProviderShare> providers = new ArrayList<>();
        authored.entrySet().stream().sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
                .forEach(e -> accounts.find(e.getKey()).filter(a -> a.kind().isProvider())
                        .ifPresent(a -> providers.add(new ProviderShare(a.address(), e.getValue()))));
        Instant now = clock.instant();
        Optional<EvmAddress> caregiver = consents.delegationsOf(patient.address()).stream()
                .filter(dl -> dl.scopes() != 0 && now.isBefore(dl.validUntil())).map(Delegation::delegate)
                .findFirst();
        return new Payout(patient.address(), caregiver, providers);
    }

    private List<AuditEntry> audit(Account consumer, Account patient, List<Category> categories, Purpose purpose,
            DealKey key) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<AuditEntry> out = new ArrayList<>();
        for (Category c : categories) {
            UUID id = UUID.randomUUID();
            Decision decision = Decision.permitByGrant(0, "released de-identified in data deal " + key.dealId());
            byte[] json = formatter.format(id, consumer, patient, c, purpose, at, decision);
            out.add(new AuditEntry(id, consumer.id(), patient.id(), c, purpose, at, decision, json,
                    Hashing.keccak256(json), Optional.empty(), Optional.empty()));
        }
        return out;
    }

    private static Path ensure(Path dir) throws IOException {
        return Files.createDirectories(dir);
    }
}
