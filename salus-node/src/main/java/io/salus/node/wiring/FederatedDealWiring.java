package io.salus.node.wiring;

import io.salus.chain.fdeal.EvmFederatedDealLedgers;
import io.salus.chain.deals.EvmDealLedger;
import io.salus.core.account.EvmAddress;
import io.salus.core.privacy.CountRelease;
import io.salus.core.usecase.credential.ProviderLicences;
import io.salus.core.usecase.deal.Caregivers;
import io.salus.core.usecase.deal.PriceCheck;
import io.salus.core.usecase.fdeal.FederatedDeals;
import io.salus.core.usecase.fdeal.FederatedManifest;
import io.salus.core.usecase.fdeal.FederatedPartDelivery;
import io.salus.core.usecase.fdeal.PartMatcher;
import io.salus.core.usecase.fdeal.PartRelease;
import io.salus.crypto.HmacClaimKeys;
import io.salus.crypto.KeyReleasePackage;
import io.salus.crypto.TinkKeyManager;
import io.salus.fhir.HapiAuditEventFormatter;
import io.salus.fhir.deid.DateShifts;
import io.salus.fhir.deid.Deidentifier;
import io.salus.node.config.NodeSettings;
import io.salus.node.federation.HttpPartClient;
import io.salus.node.http.FederatedDealEndpoints;
import io.salus.node.market.BulkDataDealPackages;
import io.salus.store.PostgresFederatedPartStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

/**
 * Federated deals (decision 0035) on a node in an alliance: this node's FederatedDeals escrow (deployed on first use,
 * its address in {@code <data dir>/chain/federated-deals.json}), the home side (opening, manifest, parts' packages)
 * and the member side (its own part: matched, staged under {@code <data dir>/fdeals}, settled), its state in
 * PostgreSQL; nothing outside an alliance.
 */
final class FederatedDealWiring implements AutoCloseable {
    /** A member matches, stages and settles its part in one request: it may take this many federation timeouts. */
    static final int PART_TIMEOUTS = 20;
    private final Optional<FederatedDealEndpoints.Parts> parts;
    private final Optional<HttpPartClient> client;

    private FederatedDealWiring(Optional<FederatedDealEndpoints.Parts> parts, Optional<HttpPartClient> client) {
        this.parts = parts;
        this.client = client;
    }

    static FederatedDealWiring wire(NodeSettings s, Storage storage, FederationWiring federation, UseCases u,
            Engines.Chain chain, TinkKeyManager keys, NodeSecrets secrets, String nodeName, SecureRandom random,
            Clock clock) {
        if (federation.parts().isEmpty()) {
            return new FederatedDealWiring(Optional.empty(), Optional.empty());
        }
        FederationWiring.Parts f = federation.parts().get();
        EvmAddress self = chain.ledger().relayer();
        EvmFederatedDealLedgers ledgers = new EvmFederatedDealLedgers(chain.ledger(), f.registry().address(),
                s.dataDir().resolve("chain").resolve("federated-deals.json"),
                a -> chain.local().ifPresent(l -> l.fund(a)), EvmDealLedger.DEFAULT_CHUNK);
        PostgresFederatedPartStore store = new PostgresFederatedPartStore(storage.jdbi());
        byte[] claimSecret = secrets.claimSecret();
        byte[] shiftSecret = secrets.shiftSecret();
        HmacClaimKeys claims = new HmacClaimKeys(claimSecret);
        BulkDataDealPackages packages = new BulkDataDealPackages(s.dataDir().resolve("fdeals"),
                new Deidentifier(clock), new KeyReleasePackage(random), keys, new DateShifts(shiftSecret));
        Arrays.fill(claimSecret, (byte) 0);
        Arrays.fill(shiftSecret, (byte) 0);
        ConsentWiring consent = u.consent();
        MarketWiring market = u.market();
        PartMatcher matcher = new PartMatcher(market.query(), market.budget(), new CountRelease(random),
                storage.accounts(), storage.records(), new PriceCheck(storage.consents(), consent.sync(),
                        consent.decisionPoint(), clock),
                new Caregivers(storage.consents(), storage.accounts()), claims,
                ProviderLicences.payable(consent.decisionPoint(), clock, s.dealProviderLicenceRequired()), random,
                clock);
        PartRelease release = new PartRelease(storage.accounts(), storage.records(), u.records(), packages,
                storage.audit(), new HapiAuditEventFormatter(nodeName), random, clock);
        FederatedPartDelivery member = new FederatedPartDelivery(matcher, ledgers, store, packages, f.registry(),
                release, self, s.chainId(), clock);
        HttpPartClient client = new HttpPartClient(f.requests(), federation.settings().timeout()
                .multipliedBy(PART_TIMEOUTS));
        FederatedDeals deals = new FederatedDeals(market.query(), market.dealLedger(), ledgers, store,
                storage.accounts(), keys, market.budget(), f.registry(), member, client, self,
                s.deals().matchEpsilon(), random, clock);
        FederatedManifest manifest = new FederatedManifest(store, ledgers, f.registry(), member, client, self);
        return new FederatedDealWiring(Optional.of(new FederatedDealEndpoints.Parts(deals, manifest, member,
                f.requests())), Optional.of(client));
    }

    Optional<FederatedDealEndpoints.Parts> endpoints() {
        return parts;
    }

    @Override
    public void close() {
        client.ifPresent(HttpPartClient::close);
    }
}
