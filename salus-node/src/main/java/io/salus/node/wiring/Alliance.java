package io.salus.node.wiring;

import io.salus.chain.deals.EvmDealAdmin;
import io.salus.chain.federation.EvmNodeRegistry;
import io.salus.chain.federation.RegistryDeployment;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.federation.Admissions;
import io.salus.core.federation.Member;
import io.salus.core.merkle.Hash32;
import io.salus.core.usecase.federation.FederatedDiscovery;
import io.salus.chain.consent.EvmSigner;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A node's place in its alliance, for the operator tools, the demo and the tests: who this node is (what it asks to
 * be admitted with), the members, the federated discovery, and, on the node that holds the alliance's admin key (the
 * founder on its local chain), admission and removal: scheduled on the timelock, executed once its delay has passed,
 * and the admitted node's relayer let write to the shared contracts (and, on the local chain, given gas).
 */
public final class Alliance {
    private final FederationWiring.Parts parts;
    private final FederationWiring federation;
    private final Engines.Chain chain;
    private final NodeSecrets secrets;
    private final Duration delay;
    private final SecureRandom random;

    Alliance(FederationWiring federation, Engines.Chain chain, NodeSecrets secrets, Duration delay,
            SecureRandom random) {
        this.federation = federation;
        this.parts = federation.parts().orElseThrow();
        this.chain = chain;
        this.secrets = secrets;
        this.delay = delay;
        this.random = random;
    }

    public EvmAddress registry() {
        return parts.registry().address();
    }

    /** This node as it asks to be admitted: its relayer, organisation, endpoint and public key. */
    public Member candidate(String endpoint) {
        return new Member(parts.key().node(), federation.settings().organisation(),
                federation.settings().endpoint().orElse(endpoint), parts.key().publicKey(), true);
    }

    public List<Member> members() {
        return parts.registry().members();
    }

    /** States a new endpoint of this node on chain (behind a proxy or a new address); members call it there. */
    public void announceEndpoint(String endpoint) {
        parts.registry().announceEndpoint(endpoint);
    }

    /** The node that registered the account on chain (its home), once its registration is mined. */
    public Optional<EvmAddress> homeOf(EvmAddress account) {
        return parts.registry().homeOf(account);
    }

    public FederatedDiscovery discovery() {
        return parts.discovery();
    }

    /** Admits a node through the timelock (waits out its delay) and lets its relayer write to the contracts. */
    public void admit(Member m) {
        change(EvmNodeRegistry.admit(registry(), m, salt()));
        RegistryDeployment.authoriseWriter(chain.ledger(), m.node(), true);
        chain.local().ifPresent(l -> l.fund(m.node()));
    }

    /** Removes a node through the timelock: other members refuse its requests from then on. */
    public void remove(EvmAddress node) {
        change(EvmNodeRegistry.remove(registry(), node, salt()));
        RegistryDeployment.authoriseWriter(chain.ledger(), node, false);
    }

    /**
     * Admission and removal as results, for the operator's API and CLI: refused on a node whose admin key is not the
     * timelock's proposer, for a node already a member (admit) or not an active one (remove).
     */
    public Admissions admissions() {
        return new Admissions() {
            @Override
            public Result<Member> admit(Member m) {
                if (parts.registry().member(m.node()).filter(Member::active).isPresent()) {
                    return Result.fail(ErrorCode.MEMBER_ALREADY_ACTIVE, m.node() + " is a member already");
                }
                return tryChange(EvmNodeRegistry.admit(registry(), m, salt())).map(ok -> {
                    RegistryDeployment.authoriseWriter(chain.ledger(), m.node(), true);
                    chain.local().ifPresent(l -> l.fund(m.node()));
                    return parts.registry().member(m.node()).orElseThrow();
                });
            }

            @Override
            public Result<Member> remove(EvmAddress node) {
                if (parts.registry().member(node).filter(Member::active).isEmpty()) {
                    return Result.fail(ErrorCode.MEMBER_NOT_ACTIVE, node + " is not an active member");
                }
                return tryChange(EvmNodeRegistry.remove(registry(), node, salt())).map(ok -> {
                    RegistryDeployment.authoriseWriter(chain.ledger(), node, false);
                    return parts.registry().member(node).orElseThrow();
                });
            }
        };
    }

    private void change(EvmDealAdmin.Change c) {
        Result<Boolean> done = tryChange(c);
        if (!done.isOk()) {
            throw new SalusException("the timelock did not execute the change: " + done.failure().detail());
        }
    }

    /** Schedules the change, waits out the delay and executes it; NOT_ALLIANCE_ADMIN if the timelock refuses. */
    private Result<Boolean> tryChange(EvmDealAdmin.Change c) {
        byte[] key = secrets.adminKey();
        EvmDealAdmin admin;
        try {
            admin = EvmDealAdmin.on(chain.ledger(), key, a -> chain.local().ifPresent(l -> l.fund(a)));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        Result<?> scheduled = admin.schedule(c, delay);
        if (!scheduled.isOk()) {
            return Result.fail(ErrorCode.NOT_ALLIANCE_ADMIN, "the NodeRegistry's timelock refused the change from "
                    + admin.address() + ": " + scheduled.failure().detail());
        }
        Instant giveUp = Instant.now().plus(delay).plusSeconds(60);
        while (true) {
            Result<?> done = admin.execute(c);
            if (done.isOk()) {
                return Result.ok(true);
            }
            if (done.failure().code() != ErrorCode.FORBIDDEN || Instant.now().isAfter(giveUp)) {
                return Result.fail(done.failure());
            }
            pause();
        }
    }

    /**
     * A relayer key for a node that will join this alliance, in {@code file} (created owner-only if absent), funded
     * with gas when this node runs the local chain: what an operator of a consortium chain does for a new member.
     */
    public Path relayerKeyFor(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                random.nextBytes(key);
                AtomicFiles.create(file, HexFormat.of().formatHex(key).getBytes(StandardCharsets.US_ASCII));
                Arrays.fill(key, (byte) 0);
            }
            byte[] key = Engines.readKeyFile(file);
            chain.local().ifPresent(l -> l.fund(EvmSigner.addressOf(key)));
            Arrays.fill(key, (byte) 0);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the relayer key file " + file, e);
        }
    }

    private Hash32 salt() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Hash32.of(b);
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SalusException("interrupted while waiting for the timelock", e);
        }
    }
}
