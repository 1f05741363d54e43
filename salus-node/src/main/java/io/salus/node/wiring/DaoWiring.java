package io.salus.node.wiring;

import io.salus.chain.DealAddresses;
import io.salus.chain.dao.EvmDaoLedger;
import io.salus.chain.zk.EvmAttributeGateLedger;
import io.salus.chain.zk.ZkAddresses;
import io.salus.chain.zk.ZkDeployment;
import io.salus.node.web.dao.DaoBrowserProving;
import io.salus.zk.ZkArtifacts;
import io.salus.core.error.SalusException;
import io.salus.core.port.AttributeGateLedger;
import io.salus.core.port.KeyManager;
import io.salus.core.usecase.dao.DaoMatchFilter;
import io.salus.core.usecase.dao.DaoService;
import io.salus.core.usecase.dao.GateAdministration;
import io.salus.core.usecase.deal.DaoAdmission;
import io.salus.node.config.NodeSettings;
import io.salus.store.PostgresDaoStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Wires patient data DAOs: the DAO store, the DAO contracts through the ledger's relayer (members' accounts given gas
 * on the local chain), the use case, and the filter deal matching asks. Proof DAOs need AttributeGate: on the local
 * chain the zero-knowledge contracts are deployed the first time a proof DAO is founded ({@code <data
 * dir>/zk-contracts.json}); on an external chain, not (credential DAOs only).
 */
record DaoWiring(DaoService service, DaoAdmission admission, EvmDaoLedger ledger, Supplier<Optional<ZkAddresses>> zk,
        Supplier<Optional<AttributeGateLedger>> gate, GateAdministration gateAdmin, SecureRandom random) {

    static DaoWiring wire(NodeSettings s, Storage storage, Engines.Chain chain, KeyManager keys, Clock clock,
            SecureRandom random) {
        DealAddresses deals = chain.ledger().access().contracts().deals()
                .orElseThrow(() -> new SalusException("the deal contracts are not configured: no DAOs"));
        Supplier<Optional<ZkAddresses>> zk = memo(() -> chain.local()
                .map(l -> ZkDeployment.ensureDeployed(chain.ledger(), zkFile(s))));
        EvmDaoLedger ledger = new EvmDaoLedger(chain.ledger(), deals,
                () -> zk.get().map(ZkAddresses::gate), a -> chain.local().ifPresent(l -> l.fund(a)));
        PostgresDaoStore store = new PostgresDaoStore(storage.jdbi());
        Supplier<Optional<AttributeGateLedger>> gate = memo(() -> zk.get()
                .map(a -> new EvmAttributeGateLedger(chain.ledger(), a)));
        return new DaoWiring(new DaoService(store, ledger, storage.accounts(), keys, clock),
                new DaoMatchFilter(store, ledger), ledger, zk, gate, new GateAdministration(gate), random);
    }

    /**
     * Proving in the patient's browser: the portal serves the circuit's public files of the built salus-zk module
     * ({@code <salus home>/salus-zk}, as the CLI's prover and the demo use), whose setup made the deployed verifier.
     */
    DaoBrowserProving browserProving(Clock clock) {
        ZkArtifacts circuit = ZkArtifacts.inModule(Path.of(System.getProperty("salus.home", ".")).resolve("salus-zk"));
        return new DaoBrowserProving(gateAdmin, circuit.wasm(), circuit.zkey(), clock);
    }

    static Path zkFile(NodeSettings s) {
        return s.dataDir().resolve("zk-contracts.json");
    }

    /** {@code s}'s value, asked once (the first time it is needed), then kept. */
    static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }
}
