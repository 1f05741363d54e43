package io.salus.node.fhir;

import io.javalin.config.JavalinConfig;
import io.salus.core.account.AccountId;
import io.salus.core.bulk.BulkExports;
import io.salus.core.port.AccountStore;
import io.salus.core.port.PackageOpener;
import io.salus.core.smart.AuthorizationServer;
import io.salus.core.smart.SmartClients;
import io.salus.core.smart.TokenChecks;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.consent.RecordRelease;
import io.salus.core.usecase.deal.DealQueries;
import io.salus.core.usecase.scores.RiskAssessmentReads;
import io.salus.fhir.bulk.NdjsonExport;
import io.salus.fhir.server.FhirServlet;
import io.salus.node.web.PortalModule;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The FHIR API, SMART App Launch and Bulk Data export on the node's HTTP server: HAPI's servlet mounted at
 * {@code /fhir/*} on the same Jetty (and port) as the REST API, the OAuth and Bulk routes on Javalin, and the consent
 * page as a module of the portal. See {@code docs/fhir.md}. Thread-safe once installed.
 */
public final class FhirMount implements AutoCloseable {
    private final SmartEndpoints smart;
    private final SmartConsent consent;
    private final BulkEndpoints bulk;
    private final BulkJobRunner runner;
    private final FhirServlet.Dependencies servlet;
    private final SmartClients clients;

    /** What the FHIR API needs from the wired node. */
    public record Wiring(AccountService accounts, AccountStore accountStore, DepositService deposits,
            RecordRelease reads, RiskAssessmentReads risks, RecordRelease exports, AuthorizationServer server,
            TokenChecks tokens,
            SmartClients clients, BulkExports jobs, DealQueries deals, PackageOpener keys, Predicate<AccountId> erased,
            Supplier<String> base, Path dataDir, long maxBodyBytes, Clock clock, SecureRandom random) {
    }

    public FhirMount(Wiring w) {
        this.clients = w.clients();
        PendingAuthorizations pending = new PendingAuthorizations(w.clock(), w.random(), Duration.ofMinutes(10));
        this.smart = new SmartEndpoints(w.server(), w.tokens(), w.clients(), w.accounts(), pending, w.base());
        this.consent = new SmartConsent(w.server(), pending);
        FhirCallers callers = new FhirCallers(w.accounts(), w.tokens(), w.erased());
        SettledDealExports deals = new SettledDealExports(w.deals(), w.accountStore(), w.keys());
        this.runner = new BulkJobRunner(w.jobs(), w.accountStore(), w.exports(), deals, new NdjsonExport(),
                w.dataDir());
        this.bulk = new BulkEndpoints(w.jobs(), runner, deals, callers, w.base());
        this.servlet = new FhirServlet.Dependencies(callers, w.reads(), w.risks(), w.deposits(), bulk::kickOff,
                smart::configuration, w.base(), w.maxBodyBytes(), w.clock(), w.random());
        runner.resume();
    }

    /** Mounts the FHIR servlet and registers the OAuth and Bulk routes on the API's app (from {@code HttpWiring}). */
    public void install(JavalinConfig config) {
        config.jetty.modifyServletContextHandler(h -> h.addServlet(new ServletHolder("fhir",
                FhirServlet.create(servlet)), "/fhir/*"));
        smart.install(config);
        bulk.install(config);
    }

    /** The consent page, a module of the portal (so it shares the portal's sign-in and session). */
    public PortalModule consentPage() {
        return consent;
    }

    /** The registered SMART apps (the demo registers its own). */
    public SmartClients clients() {
        return clients;
    }

    @Override
    public void close() {
        runner.close();
    }
}
