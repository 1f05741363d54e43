package io.salus.chain.deals;

import io.salus.chain.ContractAddresses;
import io.salus.chain.ContractDeployment;
import io.salus.chain.DealRoles;
import io.salus.chain.EvmLedger;
import io.salus.chain.EvmLedgerConfig;
import io.salus.chain.LocalChain;
import io.salus.chain.LocalChainConfig;
import io.salus.chain.consent.EvmSigner;
import io.salus.chain.consent.internal.ConsentChain;
import io.salus.chain.deals.internal.DealReverts;
import io.salus.chain.internal.Rpc;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.deal.Split;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.merkle.MerkleTree;
import io.salus.core.port.DealLedger.PackageHashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.web3j.crypto.Hash;

/**
 * A local anvil with every contract deployed (the deal contracts administered by a timelock whose proposer is a test
 * admin key, with a one-minute delay), the EvmLedger and the EvmDealLedger on it, and chain helpers.
 */
record DealFixture(LocalChain chain, ContractAddresses contracts, EvmLedger ledger, EvmDealLedger deals, Rpc rpc,
        DealRoles roles) implements AutoCloseable {
    static final byte[] RELAYER_KEY = key("salus test relayer");
    static final byte[] ADMIN_KEY = key("salus test deal admin");
    static final Duration TIMELOCK_DELAY = Duration.ofMinutes(1);
    static final Split SPLIT = new Split(6_000, 2_000, 1_000, 500, 500);
    static final PackageHashes PACKAGE = new PackageHashes(id("package plaintext"), id("package ciphertext"));
    static final byte[] WRAPPED_KEY = Hashing.keccak256("wrapped content key".getBytes(StandardCharsets.UTF_8))
            .bytes();
    private static final List<String> KNOWN_ERRORS = List.of("TimelockUnexpectedOperationState(bytes32,bytes32)",
            "AccessControlUnauthorizedAccount(address,bytes32)", "TimelockUnauthorizedCaller(address)",
            "NotInCohort(uint256)", "AlreadyPaid(address)", "BelowPolicy(bytes32)", "KeyReleaseMismatch(bool)",
            "SettlementInProgress(bytes32)", "DeadlinePassed(bytes32,uint64)", "InvalidPolicy()");

    static DealFixture start(Path dir, int chunkSize) {
        LocalChain chain = LocalChain.start(LocalChainConfig.of(dir, anvil()));
        DealRoles roles = new DealRoles(address(RELAYER_KEY), address(ADMIN_KEY), TIMELOCK_DELAY,
                address("dao treasury"), address("operator payee"), DealRoles.INITIAL_POLICY);
        ContractAddresses contracts = ContractDeployment.ensureDeployed(chain, RELAYER_KEY, roles);
        EvmLedger ledger = EvmLedger.connect(EvmLedgerConfig.local(chain, RELAYER_KEY, contracts));
        EvmDealLedger deals = EvmDealLedger.on(ledger, chain::fund, chunkSize);
        return new DealFixture(chain, contracts, ledger, deals, Rpc.connect(chain.rpcUrl(), Duration.ofSeconds(30)),
                roles);
    }

    static Path anvil() {
        String prop = System.getProperty("salus.anvil");
        Path p = prop != null
                ? Path.of(prop)
                : Path.of("../salus-contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("anvil not found at " + p.toAbsolutePath());
        }
        return p;
    }

    static byte[] key(String name) {
        return Hashing.keccak256(name.getBytes(StandardCharsets.UTF_8)).bytes();
    }

    static EvmAddress address(byte[] key) {
        return EvmSigner.addressOf(key);
    }

    static EvmAddress address(String name) {
        return address(key(name));
    }

    static Hash32 id(String name) {
        return Hashing.keccak256(name.getBytes(StandardCharsets.UTF_8));
    }

    EvmDealAdmin admin() {
        return EvmDealAdmin.on(ledger, ADMIN_KEY, chain::fund);
    }

    EvmAddress dataDeals() {
        return contracts.deals().orElseThrow().dataDeals();
    }

    /** Terms with the deadline {@code seconds} after the chain's latest block. */
    DealTerms terms(long price, int maxPatients, long seconds) {
        return terms(price, maxPatients, seconds, SPLIT);
    }

    DealTerms terms(long price, int maxPatients, long seconds, Split split) {
        return new DealTerms(id("criteria"), 0b110, Purpose.HRESCH, price, maxPatients,
                deals.chainTime().plusSeconds(seconds), split);
    }

    /** A consumer key holding {@code amount} units. */
    byte[] consumer(String name, long amount) {
        byte[] k = key(name);
        deals.mint(address(k), amount);
        return k;
    }

    /** A cohort of payouts of a deal: its Merkle root and every payout with its proof, in order. */
    record Cohort(Hash32 root, List<ProvenPayout> payouts) {
        List<ProvenPayout> subList(int from, int to) {
            return payouts.subList(from, to);
        }
    }

    static Cohort cohort(Hash32 dealId, List<Payout> payouts) {
        MerkleTree tree = MerkleTree.of(payouts.stream().map(p -> p.leaf(dealId)).toList());
        List<ProvenPayout> proven = new ArrayList<>();
        for (int i = 0; i < payouts.size(); i++) {
            proven.add(new ProvenPayout(payouts.get(i), tree.proof(i)));
        }
        return new Cohort(tree.root(), List.copyOf(proven));
    }

    /** {@code n} payouts with per-deal patient payees, some with a caregiver payee, 0-3 providers. */
    static List<Payout> payouts(String name, int n, Random r) {
        List<Payout> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Optional<EvmAddress> caregiver = r.nextBoolean()
                    ? Optional.of(address(name + " caregiver " + i))
                    : Optional.empty();
            List<ProviderShare> providers = new ArrayList<>();
            for (int j = r.nextInt(4); j > 0; j--) {
                providers.add(new ProviderShare(address(name + " provider " + r.nextInt(3)), 1 + r.nextInt(5)));
            }
            out.add(new Payout(id(name + " pseudonym " + i), address(name + " claim " + i), caregiver, providers));
        }
        return out;
    }

    /** Moves the chain's clock forward and mines a block. */
    void travel(long seconds) {
        try {
            rpc.raw("evm_increaseTime", List.of(seconds));
            rpc.raw("evm_mine", List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The failure code a direct call of DataDeals from {@code from} reverts with (no pre-flight), if it reverts. */
    Optional<ErrorCode> revertOf(EvmAddress from, String data) {
        return revertData(from, dataDeals(), data)
                .map(d -> DealReverts.code(d).orElseThrow(() -> new AssertionError("unknown revert " + d)));
    }

    /** The name of the custom error a direct call reverts with, if it reverts (for errors of the timelock too). */
    Optional<String> revertName(EvmAddress from, EvmAddress to, String data) {
        Map<String, String> bySelector = new HashMap<>();
        KNOWN_ERRORS.forEach(e -> bySelector.put(Hash.sha3String(e).substring(0, 10), e.substring(0, e.indexOf('('))));
        return revertData(from, to, data).map(d -> bySelector.getOrDefault(d.substring(0, Math.min(10, d.length())),
                "unknown revert " + d));
    }

    Optional<String> revertData(EvmAddress from, EvmAddress to, String data) {
        return new ConsentChain(rpc, from.hex()).revertData(to, data);
    }

    @Override
    public void close() {
        rpc.close();
        ledger.close();
        chain.close();
    }
}
