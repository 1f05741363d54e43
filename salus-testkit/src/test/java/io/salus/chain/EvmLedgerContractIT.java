package io.salus.chain;

import io.salus.core.port.Ledger;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.contract.LedgerContract;

/** {@link EvmLedger} on the local chain against the port's contract; its writes are the relayer's transactions. */
@WithChain
class EvmLedgerContractIT extends LedgerContract {
    private final TestChain chain;

    EvmLedgerContractIT(TestChain chain) {
        this.chain = chain;
    }

    @Override
    protected Ledger ledger() {
        return chain.ledger();
    }

    @Override
    protected long writesSent() {
        return chain.nonceOf(chain.ledger().relayer());
    }

    @Override
    protected long expectedChainId() {
        return 31337;
    }
}
