package io.salus.node.wiring;

import io.salus.chain.EvmLedger;
import io.salus.chain.LocalChain;
import io.salus.compute.cohort.RoaringCohortIndex;
import io.salus.core.account.Account;
import io.salus.core.cohort.FeatureStore;
import io.salus.core.keys.KekRetirement;
import io.salus.core.port.AccountStore;
import io.salus.core.port.AuditLog;
import io.salus.core.port.DealLedger;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.port.RecordStore;
import io.salus.core.recovery.RecoveryCancellation;
import io.salus.core.recovery.RecoveryCompletion;
import io.salus.core.recovery.RecoveryLedger;
import io.salus.core.recovery.RecoveryService;
import io.salus.core.smart.SmartClients;
import io.salus.core.custody.DeviceReads;
import io.salus.core.custody.SelfCustodySignUp;
import io.salus.core.port.AttributeGateLedger;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.dao.DaoService;
import io.salus.core.usecase.AnchorWorker;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.RegistrationWorker;
import io.salus.core.usecase.consent.AccessService;
import io.salus.core.usecase.consent.AttestationService;
import io.salus.core.usecase.consent.ConsentService;
import io.salus.core.usecase.device.DeviceBatches;
import io.salus.core.usecase.device.DeviceService;
import io.salus.core.usecase.monitoring.AlertService;
import io.salus.core.usecase.scores.RiskHistory;
import io.salus.core.usecase.credential.CredentialIssuance;
import io.salus.core.usecase.credential.Presentations;
import io.salus.core.usecase.deal.DealDelivery;
import io.salus.core.usecase.job.JobQueries;
import io.salus.core.usecase.job.JobRunner;
import io.salus.core.usecase.job.JobSubmission;
import io.salus.core.usecase.deal.DealEarnings;
import io.salus.core.usecase.deal.DealMatching;
import io.salus.core.usecase.deal.DealPosting;
import io.salus.core.usecase.deal.DealQueries;
import io.salus.core.usecase.deal.DealRefunds;
import io.salus.core.usecase.deal.Discovery;
import io.salus.crypto.TinkKeyManager;
import io.salus.node.config.NodeSettings;
import io.salus.node.config.Setting;
import io.salus.node.http.FederatedDealEndpoints;
import io.salus.node.http.StudyEndpoints;
import io.salus.node.fhir.FhirMount;
import io.salus.node.http.HttpApi;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only place that constructs adapters, the clock, the random source and the settings' values
 * into objects. Starts the engines (embedded or external PostgreSQL, local anvil or external chain), the key manager,
 * the stores, the use cases ({@link UseCases}), the outbox workers and the HTTP API ({@link HttpWiring}) in
 * dependency order and closes them in reverse; a failed start closes what it had started. The accessors below hand
 * the wired use cases to the demo, the benchmarks and the tests (the HTTP API uses the same instances).
 */
public final class Node implements AutoCloseable {
    private final NodeSettings settings;
    private final Deque<AutoCloseable> started;
    private final Storage storage;
    private final Engines.Chain chain;
    private final Operator operator;
    private final UseCases useCases;
    private final HttpApi http;
    private final FhirMount fhir;
    private final Optional<Alliance> alliance;
    private final Optional<MqttWiring> mqtt;
    private final KekWiring kek;
    private Optional<StudyEndpoints.Parts> studies = Optional.empty();
    private Optional<FederatedDealEndpoints.Parts> federatedDeals = Optional.empty();

    private Node(NodeSettings settings, Deque<AutoCloseable> started, Storage storage, Engines.Chain chain,
            Operator operator, UseCases useCases, HttpApi http, FhirMount fhir, Optional<Alliance> alliance,
            Optional<MqttWiring> mqtt, KekWiring kek) {
        this.settings = settings;
        this.started = started;
        this.storage = storage;
        this.chain = chain;
        this.operator = operator;
        this.useCases = useCases;
        this.http = http;
        this.fhir = fhir;
        this.alliance = alliance;
        this.mqtt = mqtt;
        this.kek = kek;
    }

    /** Starts a node whose master secret comes from this process's environment (or a prompt). */
    public static Node start(NodeSettings s, boolean demo, PrintStream out) {
        return start(s, System.getenv(), demo, out);
    }

    public static Node start(NodeSettings s, Map<String, String> env, boolean demo, PrintStream out) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            started.push(DataDirGuard.exclusive(s.dataDir()));
            Clock clock = Clock.systemUTC();
            SecureRandom random = new SecureRandom();
            TinkKeyManager keys = Keys.open(s, env, demo, random, out);
            Storage storage = Storage.start(s, clock, out, keys);
            started.push(storage);
            storage.locks().exclusively("start:feature-backfill", () -> {
                FeatureBackfillWiring.run(storage, keys, clock, out);
                return null;
            });
            Operator operator = storage.locks().exclusively("start:operator",
                    () -> Operator.ensure(s, storage.accounts(), keys, clock, random));
            NodeSecrets secrets = NodeSecrets.openOrCreate(s.dataDir(), keys, random);
            Engines.Chain chain = Engines.startChain(s, secrets, operator.account().address(), storage.locks(),
                    storage.shared(), out);
            chain.local().ifPresent(started::push);
            started.push(chain.ledger());
            AtomicReference<String> apiBase = new AtomicReference<>(apiUrl(s, s.httpPort()));
            UseCases u = UseCases.wire(s, storage, chain, operator, keys, secrets, clock, random, apiBase::get);
            started.push(u.consent().relay());
            AnchorWorker anchorWorker = new AnchorWorker(storage.records(), storage.outbox(), chain.ledger(), clock,
                    new AnchorWorker.Settings(s.batchSize(), s.batchDelay(), s.outboxMinBackoff(),
                            s.outboxMaxBackoff()));
            RegistrationWorker registrationWorker = new RegistrationWorker(storage.accounts(), storage.outbox(),
                    chain.ledger(), clock, new RegistrationWorker.Settings(s.registrationBatchSize(),
                            s.outboxMinBackoff(), s.outboxMaxBackoff()));
            Workers workers = new Workers(storage.locks(), anchorWorker, registrationWorker, u.consent().worker(),
                    s.workerInterval(),
                    s.accessLogInterval());
            started.push(workers);
            workers.schedule("monitoring", u.health().monitoring()::tick, s.monitoringTick());
            if (storage.shared()) {
                storage.locks().exclusively(Workers.lock("jobs"), u.jobs().runner()::recoverRunning);
            } else {
                u.jobs().runner().recover();
            }
            workers.schedule("jobs", u.jobs().runner()::runNext, s.workerInterval());
            workers.schedule("job-records", u.jobs().records()::runOnce, s.workerInterval());
            workers.schedule("custody-rotation", u.custody().rotations()::runOnce, s.workerInterval());
            workers.schedule("claims-settlement", u.claims().worker()::runOnce, s.workerInterval());
            workers.schedule("trials", u.trials().worker()::runOnce, s.workerInterval());
            Optional<MqttWiring> mqtt = MqttWiring.start(s, u.health().batches(), random);
            mqtt.ifPresent(started::push);
            KekWiring kek = KekWiring.start(s, storage, keys, clock, out);
            started.push(kek);
            FhirMount fhir = FhirWiring.wire(s, storage, u, keys, apiBase::get, operator.account().address().hex(),
                    clock, random);
            started.push(fhir);
            FederationWiring federation = FederationWiring.wire(s, storage, chain, u.market(), keys, clock, random,
                    out);
            started.push(federation);
            StudyWiring studies = StudyWiring.wire(s, storage, federation, u.market(), chain, u.records(), keys,
                    secrets, random, clock);
            started.push(studies);
            FederatedDealWiring fdeals = FederatedDealWiring.wire(s, storage, federation, u, chain, keys, secrets,
                    operator.account().address().hex(), random, clock);
            started.push(fdeals);
            Optional<Alliance> alliance = federation.parts().map(p -> new Alliance(federation, chain, secrets,
                    s.dealTimelockDelay(), random));
            BankMoveWiring moves = BankMoveWiring.wire(storage, federation, chain, u, keys, random, clock);
            started.push(moves);
            moves.worker().ifPresent(w -> workers.schedule("bank-moves", w::runOnce, s.workerInterval()));
            HttpApi http = HttpWiring.start(s, u, storage, chain, fhir, federation.endpoints(), studies.endpoints(),
                    fdeals.endpoints(), moves.endpoints(), alliance.map(Alliance::admissions), clock, random);
            started.push(http);
            apiBase.set(apiUrl(s, http.port()));
            federation.announce(apiUrl(s, http.port()), out);
            Node node = new Node(s, started, storage, chain, operator, u, http, fhir, alliance, mqtt, kek);
            node.studies = studies.endpoints();
            node.federatedDeals = fdeals.endpoints();
            return node;
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /** Federated studies (docs/compute.md), when the node is in an alliance. */
    public Optional<StudyEndpoints.Parts> studies() {
        return studies;
    }

    /** Federated deals (decision 0035), when the node is in an alliance. */
    public Optional<FederatedDealEndpoints.Parts> federatedDeals() {
        return federatedDeals;
    }

    /** The node's alliance (docs/federation.md), when it founded or joined one. */
    public Optional<Alliance> alliance() {
        return alliance;
    }

    public NodeSettings settings() {
        return settings;
    }

    public String apiUrl() {
        return apiUrl(settings, http.port());
    }

    private static String apiUrl(NodeSettings settings, int port) {
        String host = settings.get(Setting.HTTP_HOST);
        return "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port;
    }

    /** The MQTT broker devices publish their batches to, when MQTT intake is enabled ({@code tcp://host:port}). */
    public Optional<URI> mqttBroker() {
        return mqtt.map(MqttWiring::address);
    }

    public HttpApi http() {
        return http;
    }

    public Account operator() {
        return operator.account();
    }

    public Path operatorTokenFile() {
        return operator.tokenFile();
    }

    /** The node's database (operator tools and tests). */
    public DataSource dataSource() {
        return storage.dataSource();
    }

    public RecordStore recordStore() {
        return storage.records();
    }

    public AccountStore accountStore() {
        return storage.accounts();
    }

    public AuditLog audit() {
        return storage.audit();
    }

    /** Where the cohort index is rebuilt from at start: the sealed cohort features (benchmarks). */
    public FeatureStore featureStore() {
        return storage.features();
    }

    /** The in-memory cohort index discovery and deals count from (tests). */
    public RoaringCohortIndex cohortIndex() {
        return useCases.market().cohorts();
    }

    /** The chain the node writes to (benchmarks and tests). */
    public EvmLedger ledger() {
        return chain.ledger();
    }

    /** The local anvil, when the node started one. */
    public Optional<LocalChain> localChain() {
        return chain.local();
    }

    public AccountService accounts() {
        return useCases.accounts();
    }

    public DepositService deposits() {
        return useCases.deposits();
    }

    public RecordService records() {
        return useCases.records();
    }

    public ConsentService consents() {
        return useCases.consent().consents();
    }

    public AttestationService attestations() {
        return useCases.consent().attestations();
    }

    public AccessService access() {
        return useCases.consent().access();
    }

    public Discovery discovery() {
        return useCases.market().discovery();
    }

    public DealPosting dealPosting() {
        return useCases.market().posting();
    }

    public DealMatching dealMatching() {
        return useCases.market().matching();
    }

    public DealDelivery dealDelivery() {
        return useCases.market().delivery();
    }

    public JobSubmission jobSubmission() {
        return useCases.jobs().submission();
    }

    public JobRunner jobRunner() {
        return useCases.jobs().runner();
    }

    public JobQueries jobQueries() {
        return useCases.jobs().queries();
    }

    public DealQueries dealQueries() {
        return useCases.market().queries();
    }

    public DealRefunds dealRefunds() {
        return useCases.market().refunds();
    }

    public DealEarnings dealEarnings() {
        return useCases.market().earnings();
    }

    public PrivacyBudget privacyBudget() {
        return useCases.market().budget();
    }

    public DaoService daos() {
        return useCases.dao().service();
    }

    /** AttributeGate and ProviderKeyRegistry through the relayer (the local chain only; deployed on first use). */
    public Optional<AttributeGateLedger> attributeGate() {
        return useCases.dao().gate().get();
    }

    /** The node's randomness: the demo's patient-side secrets and its demo provider's key come from it. */
    public SecureRandom random() {
        return useCases.dao().random();
    }

    public DealLedger dealLedger() {
        return useCases.market().dealLedger();
    }

    public RecoveryService recovery() {
        return useCases.recovery().service();
    }

    public RecoveryCompletion recoveryCompletion() {
        return useCases.recovery().completion();
    }

    public RecoveryCancellation recoveryCancellation() {
        return useCases.recovery().cancellation();
    }

    public RecoveryLedger recoveryLedger() {
        return useCases.recovery().ledger();
    }

    public DeviceService devices() {
        return useCases.health().devices();
    }

    public DeviceBatches deviceBatches() {
        return useCases.health().batches();
    }

    /** The patient's risk scores kept over time (issue 18). */
    public RiskHistory riskHistory() {
        return useCases.risk().history();
    }

    public AlertService healthAlerts() {
        return useCases.health().alerts();
    }

    public CredentialIssuance credentialIssuance() {
        return useCases.issuance();
    }

    public Presentations presentations() {
        return useCases.presentations();
    }

    /** The care workflows (issue 19): emergency access, its reviews and notices; provider licences. */
    public CareWiring care() {
        return useCases.care();
    }

    /** Insurance claims (docs/care.md): coverage, submissions, queries, the payout ledger. */
    public ClaimsWiring claims() {
        return useCases.claims();
    }

    /** Clinical-trial recruitment (issue 19 item 2): studies, invitations, enrolments and their escrow. */
    public TrialWiring trials() {
        return useCases.trials();
    }

    /** Self-custody's sign-up (docs/custody.md). */
    public SelfCustodySignUp selfCustodySignUp() {
        return useCases.custody().signUp();
    }

    /** What a self-custodied patient's device reads: records sealed to them, what the node holds for them. */
    public DeviceReads deviceReads() {
        return useCases.custody().reads();
    }

    /** The KEK retirement pass over this node's store and keys (what still needs an older KEK key). */
    public KekRetirement kekRetirement() {
        return kek.retirement();
    }

    /** The SMART apps registered with the node's authorization server. */
    public SmartClients smartClients() {
        return fhir.clients();
    }

    @Override
    public synchronized void close() {
        closeAll(started);
    }

    /** Stops in reverse start order: HTTP, workers, ledger, local chain (final snapshot), store, data dir lock. */
    private static void closeAll(Deque<AutoCloseable> started) {
        Logger log = LoggerFactory.getLogger(Node.class);
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
                log.info("stopped {}", part.getClass().getSimpleName());
            } catch (Exception e) {
                log.warn("while stopping {}: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
