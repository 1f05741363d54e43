package io.salus.node.wiring;

import io.salus.core.bulk.BulkExports;
import io.salus.core.smart.AuthorizationServer;
import io.salus.core.smart.SmartClients;
import io.salus.core.smart.TokenChecks;
import io.salus.core.usecase.consent.DelegatedRecords;
import io.salus.core.usecase.consent.RecordRelease;
import io.salus.core.usecase.scores.RiskAssessmentReads;
import io.salus.crypto.TinkKeyManager;
import io.salus.crypto.smart.NimbusAccessTokens;
import io.salus.node.config.NodeSettings;
import io.salus.node.fhir.FhirMount;
import io.salus.platform.AtomicFiles;
import io.salus.store.PostgresBulkJobStore;
import io.salus.store.PostgresRiskStore;
import io.salus.store.PostgresSmartStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Wires the FHIR API: record releases for reads (bounded by {@code salus.fhir.max-opened}) and for bulk exports, the
 * patient's kept risk scores as RiskAssessments ({@link RiskAssessmentReads}), the
 * SMART authorization server on its PostgreSQL store with HS256 access tokens under a node secret kept in
 * {@code <data dir>/keys/smart-token.key} (created owner-only on first start), and Bulk Data jobs.
 */
final class FhirWiring {
    private FhirWiring() {
    }

    static FhirMount wire(NodeSettings s, Storage storage, UseCases u, TinkKeyManager keys, Supplier<String> base,
            String nodeName, Clock clock, SecureRandom random) {
        ConsentWiring consent = u.consent();
        DelegatedRecords.AuditTrail trail = consent.trail();
        RecordRelease reads = new RecordRelease(storage.accounts(), storage.records(), u.records(),
                consent.decisionPoint(), trail, clock, s.fhirMaxOpened());
        RecordRelease exports = new RecordRelease(storage.accounts(), storage.records(), u.records(),
                consent.decisionPoint(), trail, clock, Integer.MAX_VALUE);
        PostgresSmartStore smartStore = new PostgresSmartStore(storage.jdbi());
        Supplier<String> fhirBase = () -> base.get() + "/fhir";
        NimbusAccessTokens tokens = new NimbusAccessTokens(tokenSecret(s.dataDir(), random), base);
        AuthorizationServer server = new AuthorizationServer(smartStore, tokens, new AuthorizationServer.Settings(
                Duration.ofSeconds(60), s.smartAccessTokenLifetime(),
                s.smartRefreshTokenLifetime(), fhirBase), clock, random);
        TokenChecks checks = new TokenChecks(smartStore, tokens, server, storage.accounts(), fhirBase, clock);
        RiskAssessmentReads risks = new RiskAssessmentReads(new PostgresRiskStore(storage.jdbi()), keys, storage
                .accounts(), consent.decisionPoint(), reads, clock);
        return new FhirMount(new FhirMount.Wiring(u.accounts(), storage.accounts(), u.deposits(), reads, risks, exports,
                server, checks, new SmartClients(smartStore, clock, random),
                new BulkExports(new PostgresBulkJobStore(storage.jdbi()), clock), u.market().queries(), keys,
                u.erasure().erased()::contains, base, s.dataDir(), s.maxBodyBytes(), clock, random));
    }

    /** The node's 256-bit secret for access tokens, created on first start. */
    static byte[] tokenSecret(Path dataDir, SecureRandom random) {
        Path file = dataDir.resolve("keys").resolve("smart-token.key");
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[32];
                random.nextBytes(secret);
                AtomicFiles.create(file, secret);
            }
            byte[] secret = Files.readAllBytes(file);
            if (secret.length != 32) {
                throw new IllegalStateException(file + " does not hold a 256-bit secret");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
