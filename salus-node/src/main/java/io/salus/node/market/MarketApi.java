package io.salus.node.market;

import io.salus.core.port.DealLedger;
import io.salus.core.port.PrivacyBudget;

/** What the marketplace endpoints need from the wired node. */
public record MarketApi(Discovery discovery, Deals deals, PrivacyBudget budget, DealLedger ledger) {
}
