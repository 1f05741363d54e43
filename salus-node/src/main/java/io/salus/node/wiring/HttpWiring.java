package io.salus.node.wiring;

import io.salus.core.usecase.PublicVerifier;
import io.salus.node.config.NodeSettings;
import io.salus.node.config.Setting;
import io.salus.node.http.AccessEndpoints;
import io.salus.node.http.AccountEndpoints;
import io.salus.node.http.ApiEndpoints;
import io.salus.node.http.Auth;
import io.salus.node.http.ClientSigningEndpoints;
import io.salus.node.http.ConsentEndpoints;
import io.salus.node.http.CredentialEndpoints;
import io.salus.node.http.DealEndpoints;
import io.salus.node.http.DelegationEndpoints;
import io.salus.node.http.ErasureEndpoints;
import io.salus.node.http.HealthEndpoint;
import io.salus.node.http.HttpApi;
import io.salus.node.http.MarketEndpoints;
import io.salus.node.http.RecordEndpoints;
import io.salus.node.http.RecoveryEndpoints;
import io.salus.node.web.Portal;
import io.salus.node.web.PortalModule;
import io.salus.node.web.PortalSettings;
import io.salus.node.web.auditor.AuditorPortal;
import io.salus.node.web.consumer.ConsumerDesk;
import io.salus.node.web.consumer.ConsumerPortal;
import io.salus.node.web.patient.PatientPortal;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * The HTTP surface: one group of API endpoints per area and one portal module per audience, each built with exactly
 * the use cases it calls, on one Javalin app.
 */
final class HttpWiring {
    private HttpWiring() {
    }

    static HttpApi start(NodeSettings s, UseCases u, Storage storage, Engines.Chain chain, Clock clock,
            SecureRandom random) {
        Auth auth = new Auth(u.accounts());
        ConsentWiring consent = u.consent();
        MarketWiring market = u.market();
        List<ApiEndpoints> api = List.of(
                new HealthEndpoint(new Health(storage, chain.ledger())::report),
                new AccountEndpoints(u.accounts(), auth),
                new RecordEndpoints(u.deposits(), u.records(), u.delegation().records(),
                        new PublicVerifier(chain.ledger()), storage.records(), s.maxBodyBytes(), auth),
                new ConsentEndpoints(consent.consents(), consent.attestations(), u.accounts(), clock, auth),
                new DelegationEndpoints(u.delegation().delegations(), u.delegation().alerts(), auth),
                new CredentialEndpoints(u.issuance(), u.presentations(), u.credentials().statusLists(), u.accounts(),
                        auth),
                new AccessEndpoints(consent.access(), storage.audit(), consent.verifier(), consent.sync(), auth),
                new ClientSigningEndpoints(consent.consents(), u.accounts(), clock, auth),
                new MarketEndpoints(market.discovery(), market.earnings(), market.budget(), market.dealLedger(),
                        u.accounts(), auth),
                new DealEndpoints(market.posting(), market.matching(), market.delivery(), market.refunds(),
                        market.queries(), auth),
                new ErasureEndpoints(u.erasure().erasure(), u.erasure().export(), u.erasure().erased(),
                        u.delegation().records(), u.accounts(), clock, auth),
                new RecoveryEndpoints(u.recovery().service(), u.recovery().completion(), auth));
        List<PortalModule> modules = List.of(
                new PatientPortal(u.records(), consent.consents(), u.accounts(), storage.audit(), market.earnings(),
                        u.erasure().export(), u.delegation().records(), clock),
                new ConsumerPortal(new ConsumerDesk(market.discovery(), market.posting(), market.matching(),
                        market.delivery(), market.refunds(), market.queries(), market.budget(), market.dealLedger(),
                        clock), market.catalog()),
                new AuditorPortal(consent.verifier()));
        Portal portal = new Portal(u.accounts(), new PortalSettings(s.portalIdleTimeout(), s.portalSecureCookie()),
                clock, random, modules, u.erasure().erased()::contains);
        return HttpApi.start(s.get(Setting.HTTP_HOST), s.httpPort(), s.maxBodyBytes(), api, portal::register);
    }
}
