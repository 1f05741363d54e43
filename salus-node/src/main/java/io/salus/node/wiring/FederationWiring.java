package io.salus.node.wiring;

import io.salus.chain.federation.EvmNodeRegistry;
import io.salus.chain.federation.RegistryDeployment;
import io.salus.core.account.EvmAddress;
import io.salus.core.federation.CachedDirectory;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.federation.NodeRequests;
import io.salus.core.port.KeyManager;
import io.salus.core.privacy.CountRelease;
import io.salus.core.usecase.federation.FederatedDiscovery;
import io.salus.core.usecase.federation.MemberCounts;
import io.salus.crypto.federation.Ed25519NodeKey;
import io.salus.node.config.NodeSettings;
import io.salus.node.federation.HttpMemberClient;
import io.salus.node.http.FederationEndpoints;
import io.salus.store.PostgresNonceStore;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Wires the node into its alliance (docs/federation.md), when it founds one (on its local chain:
 * {@code salus.federation.enabled}) or joins one ({@code salus.federation.registry}): its Ed25519 key, the
 * NodeRegistry, signed node requests with their nonces in PostgreSQL, the member side of a federated count and the
 * federated discovery with its HTTP client; otherwise nothing, and the federation endpoints answer NOT_FEDERATED.
 * Signed requests and the discovery read the member list through a {@link CachedDirectory}
 * ({@code salus.federation.directory-cache-ms}).
 */
final class FederationWiring implements AutoCloseable {
    private final NodeSettings.Federation settings;
    private final Optional<Parts> parts;

    record Parts(EvmNodeRegistry registry, Ed25519NodeKey key, NodeRequests requests, MemberCounts counts,
            FederatedDiscovery discovery, HttpMemberClient client, ExecutorService executor) {
    }

    private FederationWiring(NodeSettings.Federation settings, Optional<Parts> parts) {
        this.settings = settings;
        this.parts = parts;
    }

    static FederationWiring wire(NodeSettings s, Storage storage, Engines.Chain chain, MarketWiring market,
            KeyManager keys, Clock clock, SecureRandom random, PrintStream out) {
        NodeSettings.Federation f = s.federation();
        if (!f.found() && f.registry().isEmpty()) {
            return new FederationWiring(f, Optional.empty());
        }
        EvmAddress self = chain.ledger().relayer();
        Ed25519NodeKey key = FederationKeyFile.openOrCreate(s.dataDir(), keys, self, random);
        EvmAddress address;
        if (f.registry().isPresent()) {
            address = new EvmAddress(f.registry().get());
        } else {
            address = RegistryDeployment.ensureDeployed(chain.local().orElseThrow(() -> new IllegalArgumentException(
                    "an alliance on an external chain is founded by deploying its NodeRegistry (docs/federation.md); "
                            + "then set salus.federation.registry")),
                    chain.ledger(), f.organisation(), key.publicKey());
        }
        EvmNodeRegistry registry = EvmNodeRegistry.on(chain.ledger(), address);
        Duration cache = s.federationDirectoryCache();
        MemberDirectory directory = cache.isZero() ? registry : new CachedDirectory(registry, clock, cache);
        NodeRequests requests = new NodeRequests(key, directory, key, new PostgresNonceStore(storage.jdbi(), clock),
                clock, random, f.signatureWindow());
        MemberCounts counts = new MemberCounts(market.query(), market.budget(), new CountRelease(random), registry,
                self, s.chainId(), clock);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HttpMemberClient client = new HttpMemberClient(requests, f.timeout());
        FederatedDiscovery discovery = new FederatedDiscovery(market.discovery(), market.budget(), directory, client,
                self, executor, f.timeout());
        out.println("Alliance: NodeRegistry " + address + ", this node " + self + " (" + f.organisation()
                + "), signing key " + HexFormat.of().formatHex(key.publicKey()));
        return new FederationWiring(f, Optional.of(new Parts(registry, key, requests, counts, discovery, client,
                executor)));
    }

    Optional<Parts> parts() {
        return parts;
    }

    NodeSettings.Federation settings() {
        return settings;
    }

    Optional<FederationEndpoints.Parts> endpoints() {
        return parts.map(p -> new FederationEndpoints.Parts(p.registry(), p.requests(), p.counts(), p.discovery()));
    }

    /** States this node's endpoint on chain once the API listens, if it is a member already. */
    void announce(String apiUrl, PrintStream out) {
        parts.ifPresent(p -> {
            String endpoint = settings.endpoint().orElse(apiUrl);
            Optional<Member> me = p.registry().member(p.key().node());
            if (me.isPresent() && me.get().active()) {
                p.registry().announceEndpoint(endpoint);
            } else {
                out.println("Alliance: not a member yet; the alliance admits node " + p.key().node() + " ("
                        + settings.organisation() + ", " + endpoint + ", key "
                        + HexFormat.of().formatHex(p.key().publicKey()) + ") through its timelock");
            }
        });
    }

    @Override
    public void close() {
        parts.ifPresent(p -> {
            p.executor().shutdownNow();
            p.client().close();
        });
    }
}
