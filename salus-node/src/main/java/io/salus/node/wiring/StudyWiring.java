package io.salus.node.wiring;

import io.salus.chain.DealAddresses;
import io.salus.chain.study.EvmStudyPayouts;
import io.salus.chain.study.StudyPayoutsDeployment;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.SalusException;
import io.salus.core.port.KeyManager;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.deal.Caregivers;
import io.salus.core.usecase.job.CohortReader;
import io.salus.core.usecase.study.AllianceMembers;
import io.salus.core.usecase.study.StudyCoordinator;
import io.salus.core.usecase.study.StudyMember;
import io.salus.core.usecase.study.StudyPatients;
import io.salus.core.usecase.study.StudyPayees;
import io.salus.core.usecase.study.StudyQueries;
import io.salus.core.usecase.study.StudyRecords;
import io.salus.core.usecase.study.StudyRound;
import io.salus.core.usecase.study.StudySettlement;
import io.salus.crypto.HmacClaimKeys;
import io.salus.crypto.aggregation.X25519SecureAggregator;
import io.salus.fhir.FeatureExtractor;
import io.salus.node.config.NodeSettings;
import io.salus.node.federation.HttpStudyClient;
import io.salus.node.http.StudyEndpoints;
import io.salus.store.PostgresStudyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Wires federated studies (docs/compute.md, decision 0028) on a node of an alliance: the member side of a round (its
 * patients found again every round, X25519 secure aggregation with 24 fraction bits), the coordinator of its own
 * consumers' studies (rounds across the NodeRegistry's active members over signed HTTP, each round stored with its
 * on-chain record, the model staged as the deal's package), the other members' payouts (StudyPayouts, deployed by
 * the relayer on first start, its address in {@code <data dir>/study-payouts.json}; the deal's settlement waits for
 * them, decision 0037) and the consumer's queries; nothing outside an alliance.
 */
final class StudyWiring implements AutoCloseable {
    /** Fixed-point fraction bits of masked updates: sums stay exact to 2^-24 within ±2^39. */
    static final int FRACTION_BITS = 24;
    /** A round's phase waits this many times {@code salus.federation.timeout-ms}. */
    static final int PHASE_TIMEOUTS = 10;
    private final Optional<StudyEndpoints.Parts> parts;
    private final Optional<HttpStudyClient> client;
    private final ExecutorService executor;

    private StudyWiring(Optional<StudyEndpoints.Parts> parts, Optional<HttpStudyClient> client,
            ExecutorService executor) {
        this.parts = parts;
        this.client = client;
        this.executor = executor;
    }

    static StudyWiring wire(NodeSettings s, Storage storage, FederationWiring federation, MarketWiring market,
            Engines.Chain chain, RecordService records, KeyManager keys, NodeSecrets secrets, SecureRandom random,
            Clock clock) {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        if (federation.parts().isEmpty()) {
            return new StudyWiring(Optional.empty(), Optional.empty(), executor);
        }
        FederationWiring.Parts f = federation.parts().get();
        EvmAddress self = chain.ledger().relayer();
        // a round's phase does real work at each member (consent re-checked, records opened, the update computed):
        // it waits ten times the federation's timeout for a count; a member keeps its round state four times that
        Duration timeout = federation.settings().timeout().multipliedBy(PHASE_TIMEOUTS);
        X25519SecureAggregator aggregator = new X25519SecureAggregator(random, FRACTION_BITS);
        byte[] claimSecret = secrets.claimSecret();
        StudyPayees payees = new StudyPayees(new HmacClaimKeys(claimSecret), new Caregivers(storage.consents(),
                storage.accounts()), storage.records(), storage.accounts(), self, clock);
        Arrays.fill(claimSecret, (byte) 0);
        StudyPatients patients = new StudyPatients(market.query(), new CohortReader(storage.records(), records,
                new FeatureExtractor(), clock), storage.accounts(), market.results(), market.budget(), payees, self,
                s.chainId(), clock);
        StudyMember member = new StudyMember(patients, aggregator, f.registry(), self, random, clock,
                timeout.multipliedBy(4));
        HttpStudyClient client = new HttpStudyClient(f.requests(), timeout);
        StudyRound round = new StudyRound(new AllianceMembers(f.registry(), member, client, self), aggregator,
                executor, timeout);
        PostgresStudyStore store = new PostgresStudyStore(storage.jdbi());
        StudyCoordinator coordinator = new StudyCoordinator(store, market.results(), storage.accounts(),
                f.registry(), round, executor, self, clock);
        coordinator.recover();
        DealAddresses deals = chain.ledger().access().contracts().deals()
                .orElseThrow(() -> new SalusException("the deal contracts are not configured: no study payouts"));
        EvmStudyPayouts ledger = EvmStudyPayouts.on(chain.ledger(), StudyPayoutsDeployment.ensureDeployed(
                chain.ledger(), deals.paymentToken(), deals.dataDeals(), s.dataDir().resolve("study-payouts.json")),
                deals.paymentToken(), address -> chain.local().ifPresent(l -> l.fund(address)));
        StudySettlement settlement = new StudySettlement(store, ledger, storage.accounts(), keys);
        market.delivery().gates().add(settlement);
        StudyQueries queries = new StudyQueries(store, market.queries(), market.delivery(), settlement);
        return new StudyWiring(Optional.of(new StudyEndpoints.Parts(coordinator, queries, member,
                new StudyRecords(chain.ledger()), f.requests())), Optional.of(client), executor);
    }

    Optional<StudyEndpoints.Parts> endpoints() {
        return parts;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        client.ifPresent(HttpStudyClient::close);
    }
}
