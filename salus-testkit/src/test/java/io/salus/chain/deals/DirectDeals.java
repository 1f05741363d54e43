package io.salus.chain.deals;

import io.salus.chain.deals.internal.DealCalls;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Reverts;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.Payout;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.testkit.chain.Deployment;
import io.salus.testkit.chain.Simulation;
import io.salus.testkit.chain.TestChain;
import java.util.List;
import java.util.Optional;

/** DataDeals called straight (no pre-flight): how a call reverts; one settlement chunk as an interruption leaves it. */
final class DirectDeals {
    private DirectDeals() {
    }

    /** The failure code a direct call of DataDeals from {@code from} reverts with (simulated), if it reverts. */
    static Optional<ErrorCode> revertOf(TestChain chain, Deployment d, EvmAddress from, String data) {
        ChainReads reads = new ChainReads(chain.rpc(), from.hex());
        EvmAddress dataDeals = d.contracts().deals().orElseThrow().dataDeals();
        return Simulation.revertData(() -> reads.revertData(dataDeals, data))
                .map(r -> Reverts.DEALS.code(r).orElseThrow(() -> new AssertionError("unknown revert " + r)));
    }

    /** Pays one chunk from the relayer without closing the deal; throws if the contract refuses it. */
    static void sendChunk(Deployment d, Hash32 dealId, Hash32 packageHash, List<Payout> chunk) {
        d.ledger().access().sender().send(d.contracts().deals().orElseThrow().dataDeals().hex(),
                DealCalls.settle(dealId, packageHash, chunk, false));
    }
}
