package io.salus.node.wiring;

import io.salus.chain.EvmLedger;
import io.salus.chain.LocalChain;
import io.salus.core.account.Account;
import io.salus.core.port.AccountStore;
import io.salus.core.port.Outbox;
import io.salus.core.port.RecordStore;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.AnchorWorker;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.PublicVerifier;
import io.salus.core.usecase.RecordService;
import io.salus.core.usecase.RegistrationWorker;
import io.salus.crypto.TinkKeyManager;
import io.salus.fhir.FeatureExtractor;
import io.salus.fhir.HapiBundleParser;
import io.salus.node.market.MarketApi;
import io.salus.node.config.NodeSettings;
import io.salus.node.http.ApiServices;
import io.salus.node.http.ConsentApi;
import io.salus.node.http.HttpApi;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * The only place adapters are wired: engines (embedded or external PostgreSQL, local anvil or external chain), the
 * key manager, the stores, the use cases, the outbox workers and the HTTP API. Starts in dependency order and closes
 * in reverse; a failed start closes what it had started.
 */
public final class Node implements AutoCloseable {
    private final NodeSettings settings;
    private final Deque<AutoCloseable> started;
    private final Services services;
    private final HttpApi http;
    private final Storage storage;
    private final io.salus.node.credential.CredentialApi credentials;

    /** The wired services (exposed for the demo and tests; the HTTP API uses the same instances). */
    public record Services(AccountService accounts, DepositService deposits, RecordService records,
            RecordStore recordStore, AccountStore accountStore, Outbox outbox, EvmLedger ledger,
            Optional<LocalChain> localChain, Account operator, Path operatorTokenFile, ConsentApi consent,
            MarketApi market, io.salus.node.http.RecoveryApi recovery) {
    }

    private Node(NodeSettings settings, Deque<AutoCloseable> started, Services services, HttpApi http,
            Storage storage, io.salus.node.credential.CredentialApi credentials) {
        this.settings = settings;
        this.credentials = credentials;
        this.storage = storage;
        this.started = started;
        this.services = services;
        this.http = http;
    }

    public static Node start(NodeSettings s, Map<String, String> env, boolean demo, PrintStream out) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            started.push(DataDirGuard.exclusive(s.dataDir()));
            Clock clock = Clock.systemUTC();
            SecureRandom random = new SecureRandom();
            TinkKeyManager keys = Keys.open(s, env, demo, random, out);
            Storage storage = Storage.start(s, clock, out);
            started.push(storage);
            Operator operator = Operator.ensure(s, storage.accounts(), keys, clock, random);
            Engines.Chain chain = Engines.startChain(s, operator.signingKey(), operator.account().address(), out);
            chain.local().ifPresent(started::push);
            started.push(chain.ledger());
            AccountService accounts = new AccountService(storage.accounts(), keys, s.chainId(), clock, random);
            RecordService records = new RecordService(storage.accounts(), storage.records(), keys, chain.ledger());
            String nodeName = operator.account().address().hex();
            io.salus.store.PostgresCredentialStore credentialStore = new io.salus.store.PostgresCredentialStore(
                    storage.jdbi());
            io.salus.core.port.PresentedAttestations presented = io.salus.node.credential.CredentialApi
                    .decisionInput(credentialStore, storage.accounts(), storage.consents());
            ConsentWiring consent = ConsentWiring.wire(storage, chain.ledger(), keys, records, clock, nodeName,
                    presented);
            MarketWiring market = MarketWiring.wire(storage, consent, chain, keys, records, s.dataDir(), random,
                    clock, nodeName);
            DepositService deposits = new DepositService(storage.accounts(), storage.records(), keys,
                    new HapiBundleParser(s.maxBodyBytes(), HapiBundleParser.DEFAULT_MAX_RESOURCES,
                            s.validateR4()),
                    new FeatureExtractor(), market::deposited, clock);
            Duration minBackoff = Duration.ofMillis(200);
            Duration maxBackoff = Duration.ofSeconds(30);
            AnchorWorker anchorWorker = new AnchorWorker(storage.records(), storage.outbox(), chain.ledger(), clock,
                    new AnchorWorker.Settings(s.batchSize(), s.batchDelay(), minBackoff, maxBackoff));
            RegistrationWorker registrationWorker = new RegistrationWorker(storage.accounts(), storage.outbox(),
                    chain.ledger(), clock, minBackoff, maxBackoff);
            started.push(new Workers(anchorWorker, registrationWorker, consent.worker(), s.workerInterval()));
            io.salus.node.http.RecoveryApi recovery = RecoveryWiring.wire(storage, chain.ledger(), keys,
                    s.dataDir(), clock, random);
            Services services = new Services(accounts, deposits, records, storage.records(), storage.accounts(),
                    storage.outbox(), chain.ledger(), chain.local(), operator.account(), operator.tokenFile(),
                    consent.api(), market.api(), recovery);
            java.util.concurrent.atomic.AtomicReference<String> apiBase = new java.util.concurrent.atomic.AtomicReference<>(
                    apiUrl(s, s.httpPort()));
            io.salus.node.credential.CredentialApi credentials = io.salus.node.credential.CredentialApi.wire(
                    credentialStore, storage.accounts(), keys, consent.api().attestations(), storage.consents(),
                    consent.sync(), clock, random, operator.account().did(), presented, apiBase::get);
            io.salus.node.http.ErasureApi erasure = ErasureWiring.wire(storage, market, records, s.dataDir(), clock);
            io.salus.node.fhir.FhirMount fhir = FhirWiring.wire(s, storage, consent, keys, records, deposits,
                    accounts, market.api().deals(), erasure.erased(), apiBase::get, nodeName, clock, random);
            started.push(fhir);
            HttpApi http = HttpApi.start(new ApiServices(accounts, deposits, records,
                    new PublicVerifier(chain.ledger()), storage.records(),
                    new Health(storage, chain.ledger())::report, s.maxBodyBytes(), consent.api(), storage.accounts(),
                    keys, market.api(), DelegationWiring.wire(storage, consent, market, chain.ledger(), records,
                            clock, nodeName),
                    erasure, new io.salus.node.web.consumer.PostgresCodeSource(storage.jdbi()), credentials,
                    recovery),
                    s.get(io.salus.node.config.Setting.HTTP_HOST), s.httpPort(), fhir);
            started.push(http);
            apiBase.set(apiUrl(s, http.port()));
            return new Node(s, started, services, http, storage, credentials);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    public NodeSettings settings() {
        return settings;
    }

    /** Verifiable credentials (for the demo; the HTTP API uses the same instance). */
    public io.salus.node.credential.CredentialApi credentials() {
        return credentials;
    }

    public Services services() {
        return services;
    }

    public AccountService accounts() {
        return services.accounts();
    }

    public DepositService deposits() {
        return services.deposits();
    }

    public RecordService records() {
        return services.records();
    }

    public RecordStore recordStore() {
        return services.recordStore();
    }

    public Account operator() {
        return services.operator();
    }

    public Path operatorTokenFile() {
        return services.operatorTokenFile();
    }

    public String apiUrl() {
        return apiUrl(settings, http.port());
    }

    private static String apiUrl(NodeSettings settings, int port) {
        String host = settings.get(io.salus.node.config.Setting.HTTP_HOST);
        return "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port;
    }

    /** The node's database (operator tools and tests). */
    public javax.sql.DataSource dataSource() {
        return storage.dataSource();
    }

    public HttpApi http() {
        return http;
    }

    @Override
    public synchronized void close() {
        closeAll(started);
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(Node.class).warn("while stopping: {}", e.toString());
            }
        }
    }
}
