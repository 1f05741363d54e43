package io.salus.node.wiring;

import io.salus.core.incentives.CreditPolicy;
import io.salus.core.incentives.CreditRule;
import io.salus.core.usecase.incentives.CreditLedger;
import io.salus.core.usecase.scores.RiskReports;
import io.salus.node.config.NodeSettings;
import io.salus.store.PostgresCreditStore;
import java.time.Clock;

/**
 * Wires the incentive credits (issue 18, item 4; decision 0032): the off-chain ledger in {@link PostgresCreditStore},
 * funded from the deal-event projection synced to the chain head, the policy from the settings, and the risk report it
 * pays for.
 */
record CreditWiring(CreditLedger ledger, RiskReports reports) {

    static CreditWiring wire(NodeSettings s, Storage storage, MarketWiring market, RiskWiring risk, Clock clock) {
        long[] v = s.credits();
        CreditPolicy policy = new CreditPolicy(new CreditRule(v[0]), (int) v[1], (int) v[2], v[3], v[4]);
        CreditLedger ledger = new CreditLedger(new PostgresCreditStore(storage.jdbi()), policy, () -> market.events()
                .toHead(), clock);
        return new CreditWiring(ledger, new RiskReports(risk.history(), ledger));
    }
}
