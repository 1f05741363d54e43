package io.salus.node.wiring;

import io.salus.core.usecase.PublicVerifier;
import io.salus.core.limit.Throttle;
import io.salus.node.config.NodeSettings;
import io.salus.node.config.NodeSettings.Limit;
import io.salus.node.config.Setting;
import io.salus.node.fhir.FhirMount;
import io.salus.node.http.AccessEndpoints;
import io.salus.node.http.AccountEndpoints;
import io.salus.node.http.AlertEndpoints;
import io.salus.node.http.ApiEndpoints;
import io.salus.node.http.Auth;
import io.salus.node.http.ClientSigningEndpoints;
import io.salus.node.http.ConsentEndpoints;
import io.salus.node.http.ClaimEndpoints;
import io.salus.node.http.CustodyEndpoints;
import io.salus.node.http.DeviceRecoveryEndpoints;
import io.salus.node.http.CredentialEndpoints;
import io.salus.node.http.DaoEndpoints;
import io.salus.node.http.DealEndpoints;
import io.salus.node.http.DelegationEndpoints;
import io.salus.node.http.DeviceEndpoints;
import io.salus.node.http.EmergencyEndpoints;
import io.salus.node.http.AdmissionEndpoints;
import io.salus.node.http.BankMoveEndpoints;
import io.salus.node.http.FederationEndpoints;
import io.salus.node.http.ErasureEndpoints;
import io.salus.node.http.HealthEndpoint;
import io.salus.node.http.HttpApi;
import io.salus.node.http.LicenceEndpoints;
import io.salus.node.http.JobEndpoints;
import io.salus.node.http.FederatedDealEndpoints;
import io.salus.node.http.StudyEndpoints;
import io.salus.node.http.ImportEndpoints;
import io.salus.node.http.MarketEndpoints;
import io.salus.node.http.RateLimits;
import io.salus.node.http.RecordEndpoints;
import io.salus.node.http.RecoveryEndpoints;
import io.salus.node.http.CreditEndpoints;
import io.salus.node.http.RiskEndpoints;
import io.salus.node.http.ZkGateEndpoints;
import io.salus.node.http.TrialEndpoints;
import io.salus.node.http.TrialMilestoneEndpoints;
import io.salus.node.web.Portal;
import io.salus.node.web.PortalModule;
import io.salus.node.web.PortalSettings;
import io.salus.node.web.auditor.AuditorPortal;
import io.salus.node.web.auditor.EmergencyReviewPages;
import io.salus.node.web.claims.ClaimsPage;
import io.salus.node.web.claims.ClaimsPortal;
import io.salus.node.web.consumer.ConsumerDesk;
import io.salus.node.web.consumer.ConsumerPortal;
import io.salus.node.web.dao.DaoConsumerPages;
import io.salus.node.web.dao.DaoPatientPages;
import io.salus.node.web.consumer.TrialPages;
import io.salus.node.web.patient.EmergencyPage;
import io.salus.node.web.patient.PatientPortal;
import io.salus.node.web.patient.TrialsPage;
import io.salus.node.web.care.CarePortal;
import io.salus.node.web.care.EmergencyResponderPages;
import io.salus.node.web.care.LicencePage;
import io.salus.node.web.patient.RiskPage;
import io.salus.core.federation.Admissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP surface: one group of API endpoints per area and one portal module per audience, each built with exactly
 * the use cases it calls, on one Javalin app.
 */
final class HttpWiring {
    private HttpWiring() {
    }

    static HttpApi start(NodeSettings s, UseCases u, Storage storage, Engines.Chain chain, FhirMount fhir,
            Optional<FederationEndpoints.Parts> federation, Optional<StudyEndpoints.Parts> studies,
            Optional<FederatedDealEndpoints.Parts> fdeals, Optional<BankMoveEndpoints.Parts> moves,
            Optional<Admissions> admissions, Clock clock,
            SecureRandom random) {
        RateLimits limits = limits(s, storage, clock);
        Auth auth = new Auth(u.accounts(), limits);
        ConsentWiring consent = u.consent();
        MarketWiring market = u.market();
        List<ApiEndpoints> api = new ArrayList<>(List.of(
                new HealthEndpoint(new Health(storage, chain.ledger())::report),
                new AccountEndpoints(u.accounts(), auth),
                new RecordEndpoints(u.deposits(), u.records(), u.delegation().records(),
                        new PublicVerifier(chain.ledger()), storage.records(), s.maxBodyBytes(), auth),
                new ConsentEndpoints(consent.consents(), consent.attestations(), u.accounts(), clock, auth),
                new DelegationEndpoints(u.delegation().delegations(), u.delegation().alerts(), auth),
                new CredentialEndpoints(u.issuance(), u.presentations(), u.credentials().statusLists(), u.accounts(),
                        auth, limits),
                new AccessEndpoints(consent.access(), storage.audit(), consent.verifier(), consent.sync(), auth,
                        limits),
                new ClientSigningEndpoints(consent.consents(), u.accounts(), u.delegation().delegations(), clock,
                        auth),
                new MarketEndpoints(market.discovery(), market.earnings(), market.budget(), market.dealLedger(),
                        u.accounts(), auth),
                new DealEndpoints(market.posting(), market.matching(), market.delivery(), market.refunds(),
                        market.queries(), auth, limits),
                new ErasureEndpoints(u.erasure().erasure(), u.erasure().export(), u.erasure().erased(),
                        u.delegation().records(), u.accounts(), clock, auth),
                new RecoveryEndpoints(u.recovery().service(), u.recovery().completion(), u.recovery().cancellation(),
                        auth, limits, clock),
                new DeviceEndpoints(u.health().devices(), u.health().batches(), u.health().fhir(), u.records(), clock,
                        auth),
                new AlertEndpoints(u.health().alerts(), auth), new ImportEndpoints(u.health().imports(), auth),
                new RiskEndpoints(u.risk().assessments(), u.risk().history(), u.risk().questionnaire(), auth),
                new CreditEndpoints(u.credits().ledger(), u.credits().reports(), auth),
                new EmergencyEndpoints(u.care().breakGlass(), u.care().reviews(), u.care().preferences(), auth),
                new LicenceEndpoints(u.care().licences(), auth),
                new JobEndpoints(u.jobs().submission(), u.jobs().queries(), u.jobs().records(), auth),
                new CustodyEndpoints(u.custody().signUp(), u.custody().reads(), u.custody().take(), auth),
                new DeviceRecoveryEndpoints(u.custody().recovery(), auth, limits, clock),
                new DaoEndpoints(u.dao().service(), u.market().events(), auth),
                new ZkGateEndpoints(u.dao().gateAdmin(), auth),
                new ClaimEndpoints(u.claims().coverages(), u.claims().submissions(), u.claims().queries(), auth),
                new TrialEndpoints(u.trials().posting(), u.trials().sponsors(), u.trials().patients(), auth),
                new TrialMilestoneEndpoints(u.trials().milestones(), auth)));
        api.add(new FederationEndpoints(federation, auth, throttle(storage, "counts asked by this member node",
                s.limit(Limit.FEDERATION_COUNT), clock)));
        api.add(new AdmissionEndpoints(admissions, auth));
        api.add(new StudyEndpoints(studies, auth));
        api.add(new FederatedDealEndpoints(fdeals, auth));
        api.add(new BankMoveEndpoints(moves, auth));
        List<PortalModule> modules = List.of(
                new PatientPortal(u.records(), consent.consents(), u.accounts(), storage.audit(), market.earnings(),
                        u.erasure().export(), u.delegation().records(), u.health().alerts(),
                        new EmergencyPage(u.care().reviews(), u.care().preferences(), u.accounts()),
                        new TrialsPage(u.trials().patients()),
                        new RiskPage(u.risk().history(), u.risk().questionnaire(), u.credits().reports(),
                                u.credits().ledger()),
                        clock),
                new ConsumerPortal(new ConsumerDesk(market.discovery(), market.posting(), market.matching(),
                        market.delivery(), market.refunds(), market.queries(), market.budget(), market.dealLedger(),
                        clock), market.catalog(), u.jobs().queries(),
                        new TrialPages(u.trials().posting(), u.trials().sponsors()),
                        studies.map(StudyEndpoints.Parts::queries)),
                new AuditorPortal(consent.verifier()), fhir.consentPage(), new DaoPatientPages(u.dao().service(),
                        u.dao().browserProving(clock), u.market().events()),
                new DaoConsumerPages(u.dao().service()),
                new ClaimsPortal(new ClaimsPage(u.claims().submissions(), u.claims().queries(),
                        u.claims().coverages(), u.accounts())),
                new CarePortal(u.health().alerts(), storage.accounts()),
                new EmergencyResponderPages(u.care().breakGlass(), u.accounts()),
                new LicencePage(u.care().licences()),
                new EmergencyReviewPages(u.care().reviews(), u.accounts()));
        Portal portal = new Portal(u.accounts(), new PortalSettings(s.portalIdleTimeout(), s.portalSecureCookie()),
                clock, random, modules, u.erasure().erased()::contains, limits,
                InstanceWiring.sessions(storage));
        return HttpApi.start(s.get(Setting.HTTP_HOST), s.httpPort(), s.maxBodyBytes(), api, config -> {
            portal.register(config);
            fhir.install(config);
        });
    }

    /** The rate limits from their settings (docs/identity.md, threat model). */
    static RateLimits limits(NodeSettings s, Storage storage, Clock clock) {
        return new RateLimits(throttle(storage, "failed sign-ins", s.limit(Limit.SIGN_IN), clock),
                throttle(storage, "sign-ins to this account", s.limit(Limit.SESSION), clock),
                throttle(storage, "presentation nonces", s.limit(Limit.NONCE), clock),
                throttle(storage, "recovery openings", s.limit(Limit.RECOVERY_OPEN), clock),
                throttle(storage, "access requests", s.limit(Limit.ACCESS), clock),
                throttle(storage, "denied access requests about this patient", s.limit(Limit.ACCESS_DENIED), clock),
                throttle(storage, "deals posted from this address", s.limit(Limit.DEAL_POST), clock));
    }

    private static Throttle throttle(Storage storage, String what, NodeSettings.LimitValue v, Clock clock) {
        return InstanceWiring.throttle(storage, what, v, clock);
    }
}
