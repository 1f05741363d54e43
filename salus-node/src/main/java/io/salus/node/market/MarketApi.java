package io.salus.node.market;

import io.salus.core.port.DealLedger;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.usecase.deal.DealDelivery;
import io.salus.core.usecase.deal.DealEarnings;
import io.salus.core.usecase.deal.DealMatching;
import io.salus.core.usecase.deal.DealPosting;
import io.salus.core.usecase.deal.DealQueries;
import io.salus.core.usecase.deal.DealRefunds;
import io.salus.core.usecase.deal.Discovery;

/** The marketplace's use cases and ports as wired (the endpoints and pages take the ones they need). */
public record MarketApi(Discovery discovery, DealPosting posting, DealMatching matching, DealDelivery delivery,
        DealRefunds refunds, DealQueries queries, DealEarnings earnings, PrivacyBudget budget, DealLedger ledger) {
}
