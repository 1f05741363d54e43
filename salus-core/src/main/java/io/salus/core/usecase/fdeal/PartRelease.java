package io.salus.core.usecase.fdeal;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.StagedPackage;
import io.salus.core.error.Result;
import io.salus.core.fdeal.PartRequest;
import io.salus.core.port.AccountStore;
import io.salus.core.port.AuditEventFormatter;
import io.salus.core.port.AuditLog;
import io.salus.core.port.DealPackages;
import io.salus.core.port.RecordStore;
import io.salus.core.record.Category;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.deal.DealAudit;
import io.salus.core.usecase.deal.ReleasedRecords;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Stages a member's part: its sub-cohort's records of the deal's categories opened (integrity-checked), de-identified
 * and packed by {@link DealPackages} under a fresh content key wrapped to the consumer, and every release audited (one
 * AuditEvent per patient and category) before anything is settled. Thread-safe.
 */
public final class PartRelease {
    private final AccountStore accounts;
    private final RecordStore records;
    private final RecordService opener;
    private final DealPackages packages;
    private final AuditLog audit;
    private final AuditEventFormatter formatter;
    private final RandomGenerator random;
    private final Clock clock;

    public PartRelease(AccountStore accounts, RecordStore records, RecordService opener, DealPackages packages,
            AuditLog audit, AuditEventFormatter formatter, RandomGenerator random, Clock clock) {
        this.accounts = accounts;
        this.records = records;
        this.opener = opener;
        this.packages = packages;
        this.audit = audit;
        this.formatter = formatter;
        this.random = random;
        this.clock = clock;
    }

    public Result<StagedPackage> stage(PartRequest r, DealTerms terms, List<Category> categories, Account consumer,
            PartMatcher.Matched m) {
        Map<AccountId, Account> found = accounts.findAll(m.members().stream().flatMap(x -> x.patient().stream())
                .toList());
        Result<List<DealPackages.PatientData>> patients = ReleasedRecords.of(records, opener, m.members(), found,
                categories);
        if (!patients.isOk()) {
            return patients.propagate();
        }
        Result<StagedPackage> staged = packages.stage(new DealPackages.Request(r.dealId(), m.secret(),
                r.organisation(), consumer.encryptionPublicKey(), clock.instant()), patients.orElseThrow());
        if (staged.isOk()) {
            audit.record(DealAudit.entries(accounts, formatter, random, clock, terms.purpose(), categories, consumer,
                    m.members(), "released de-identified in part of federated deal " + r.dealId() + " (its key is "
                            + "released on chain by the part's settlement)"),
                    List.of());
        }
        return staged;
    }
}
