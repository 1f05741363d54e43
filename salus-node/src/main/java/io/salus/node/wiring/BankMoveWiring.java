package io.salus.node.wiring;

import io.salus.chain.consent.EvmSigner;
import io.salus.chain.move.EvmHomeMoves;
import io.salus.core.account.EvmAddress;
import io.salus.core.move.BankMoveExport;
import io.salus.core.move.BankMoveImport;
import io.salus.core.move.BankMoveWorker;
import io.salus.core.move.BankMoves;
import io.salus.crypto.TinkKeyManager;
import io.salus.crypto.move.MovePackageSealing;
import io.salus.node.federation.HttpMoveTransport;
import io.salus.node.http.BankMoveEndpoints;
import io.salus.store.PostgresBankMoveStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Wires a patient's bank move (decision 0036) on a node of an alliance: starting a move, its outbox worker (home moved
 * on chain, the bank sealed to the receiving member and sent signed, erased here once acknowledged) and the import of
 * a bank moving here; nothing outside an alliance. The transfer waits up to {@value #TIMEOUT_FACTOR} times
 * {@code salus.federation.timeout-ms} (the receiving node re-seals every record before it answers).
 */
final class BankMoveWiring implements AutoCloseable {
    static final int TIMEOUT_FACTOR = 20;
    private final Optional<BankMoveEndpoints.Parts> parts;
    private final Optional<BankMoveWorker> worker;
    private final Optional<HttpMoveTransport> transport;

    private BankMoveWiring(Optional<BankMoveEndpoints.Parts> parts, Optional<BankMoveWorker> worker,
            Optional<HttpMoveTransport> transport) {
        this.parts = parts;
        this.worker = worker;
        this.transport = transport;
    }

    static BankMoveWiring wire(Storage storage, FederationWiring federation, Engines.Chain chain, UseCases u,
            TinkKeyManager keys, SecureRandom random, Clock clock) {
        if (federation.parts().isEmpty()) {
            return new BankMoveWiring(Optional.empty(), Optional.empty(), Optional.empty());
        }
        FederationWiring.Parts f = federation.parts().get();
        EvmAddress self = chain.ledger().relayer();
        PostgresBankMoveStore store = new PostgresBankMoveStore(storage.jdbi(), keys);
        EvmHomeMoves homes = EvmHomeMoves.on(chain.ledger());
        MovePackageSealing sealing = new MovePackageSealing(f.key(), random);
        Duration timeout = federation.settings().timeout().multipliedBy(TIMEOUT_FACTOR);
        HttpMoveTransport transport = new HttpMoveTransport(f.requests(), timeout);
        BankMoves moves = new BankMoves(new BankMoves.Ports(storage.accounts(), store, keys, new EvmSigner(), homes,
                f.registry()), self, clock);
        BankMoveWorker worker = new BankMoveWorker(new BankMoveWorker.Ports(storage.outbox(), storage.accounts(),
                store, homes, f.registry(), new BankMoveExport(storage.accounts(), storage.records(), store, keys),
                sealing, transport, f.key(), u.erasure().erasure()), self, clock);
        BankMoveImport imports = new BankMoveImport(new BankMoveImport.Ports(store, f.registry(), homes, sealing,
                keys, chain.ledger(), f.key()), clock);
        return new BankMoveWiring(Optional.of(new BankMoveEndpoints.Parts(moves, imports, f.requests())),
                Optional.of(worker), Optional.of(transport));
    }

    Optional<BankMoveEndpoints.Parts> endpoints() {
        return parts;
    }

    Optional<BankMoveWorker> worker() {
        return worker;
    }

    @Override
    public void close() {
        transport.ifPresent(HttpMoveTransport::close);
    }
}
