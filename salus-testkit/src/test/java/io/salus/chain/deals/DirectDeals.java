package io.salus.chain.deals;

import io.salus.chain.deals.internal.DealCalls;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Reverts;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger.PackageHashes;
import io.salus.testkit.chain.Deployment;
import io.salus.testkit.chain.Simulation;
import io.salus.testkit.chain.TestChain;
import java.util.List;
import java.util.Optional;

/**
 * The deal contracts called straight (no pre-flight): how a call reverts; one settlement chunk as an interruption
 * leaves it.
 */
final class DirectDeals {
    private DirectDeals() {
    }

    /** The failure a direct call of {@code contract} from {@code from} reverts with (simulated), if it reverts. */
    static Optional<ErrorCode> revertOf(TestChain chain, EvmAddress from, EvmAddress contract, String data,
            Reverts meanings) {
        return revertName(chain, from, contract, data).map(name -> meanings.code(name.data())
                .orElseThrow(() -> new AssertionError("a revert without a meaning: " + name.name())));
    }

    /** A revert: its data and the name of its custom error ({@code unknown} if no Salus contract declares it). */
    record Revert(String data, String name) {
    }

    /** The custom error a direct call reverts with, if it reverts (errors of the timelock too). */
    static Optional<Revert> revertName(TestChain chain, EvmAddress from, EvmAddress contract, String data) {
        ChainReads reads = new ChainReads(chain.rpc(), from.hex());
        return Simulation.revertData(() -> reads.revertData(contract, data))
                .map(r -> new Revert(r, Reverts.name(r).orElse("unknown " + r)));
    }

    /** Pays one chunk from the relayer without closing the deal; throws if the contract refuses it. */
    static void sendChunk(Deployment d, Hash32 dealId, PackageHashes hashes, List<ProvenPayout> chunk) {
        d.ledger().access().sender().send(d.contracts().deals().orElseThrow().dataDeals().hex(),
                DealCalls.settle(dealId, hashes, chunk, false, new byte[0]));
    }
}
