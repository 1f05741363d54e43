package io.salus.node.web.patient;

import io.salus.core.deal.DealEvent;
import io.salus.core.error.Result;
import io.salus.core.port.CreditStore;
import io.salus.core.usecase.incentives.CreditLedger;
import io.salus.core.usecase.deal.DealEarnings;
import io.salus.node.web.Html;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.View;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The patient's earnings per deal: the deal ledger's payments to the patient's per-deal claim addresses (the same
 * events as {@code GET /accounts/{id}/earnings}; only the node can tie them to the patient) summed per deal, and the
 * tokens held there and at the patient's own address. Thread-safe.
 */
final class EarningsPage {
    static final String PATH = PatientPortal.HOME + "/earnings";
    private final DealEarnings earnings;
    private final CreditLedger credits;

    EarningsPage(DealEarnings earnings, CreditLedger credits) {
        this.earnings = earnings;
        this.credits = credits;
    }

    private record PerDeal(String dealId, long amount, int payments, long lastBlock) {
    }

    Result<View> show(PortalRequest r) {
        Map<String, PerDeal> by = new LinkedHashMap<>();
        long total = 0;
        DealEarnings.Earnings mine = earnings.of(r.account());
        for (DealEvent.Paid p : mine.payments()) {
            String id = p.dealId().hex();
            PerDeal prev = by.getOrDefault(id, new PerDeal(id, 0, 0, 0));
            by.put(id, new PerDeal(id, prev.amount() + p.amount(), prev.payments() + 1, p.block()));
            total += p.amount();
        }
        List<Html> rows = new ArrayList<>();
        for (PerDeal d : by.values()) {
            rows.add(Html.of("<tr><td><code>{}</code></td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
                    d.dealId(), d.amount(), d.payments(), d.lastBlock()));
        }
        Html table = by.isEmpty()
                ? Html.raw("<p>No deal has paid you yet. Deals pay patients whose consent covers the deal's terms "
                        + "and price.</p>")
                : Html.of("""
                        <table id="earnings"><caption class="visually-hidden">Earnings per deal</caption><thead><tr>\
                        <th scope="col">Deal</th><th scope="col">Earned (tokens)</th><th scope="col">Payments</th>\
                        <th scope="col">Paid in block</th></tr></thead><tbody>{}</tbody></table>""", Html.join(rows));
        return Result.ok(View.of("Your earnings", Html.concat(Html.of("""
                <dl class="summary"><dt>Balance</dt><dd id="balance">{} tokens</dd><dt>Earned from deals</dt>\
                <dd id="earned">{} tokens from {} deals</dd></dl>""", mine.balance() + mine.claimable(), total,
                by.size()), table, credits(r))));
    }

    /** The incentive credits: balance and the latest entries (credited per period, spent on services). */
    private Html credits(PortalRequest r) {
        CreditLedger.Balance b = credits.balance(r.account(), r.account().id()).orElseThrow();
        List<Html> rows = new ArrayList<>();
        for (CreditStore.Entry e : b.entries()) {
            rows.add(Html.of("<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>", e.at().toString()
                    .substring(0, 19).replace('T', ' '), e.kind().toLowerCase(Locale.ROOT), e.amount(),
                    e
                            .detail()));
        }
        return Html.of(
                """
                        <section id="credits"><h2>Incentive credits</h2><p>Credits are paid each period for the data you hold                 (more for more data and for complete, continuous device streams) and when your data is used, from a                 share of the DAO treasury and deal fees actually settled. They pay for services such as your risk                 report.</p><dl class="summary"><dt>Credits</dt><dd id="credit-balance">{}</dd></dl>{}</section>""",
                b
                        .balance(),
                rows.isEmpty()
                        ? Html.raw("<p>No credits yet: they are paid when a period closes.</p>")
                        : Html.of(
                                """
                                        <table id="credit-entries"><caption class="visually-hidden">Credit entries                                        </caption><thead><tr><th scope="col">When (UTC)</th><th scope="col">Kind</th>                                        <th scope="col">Credits</th><th scope="col">How</th></tr></thead><tbody>{}                                        </tbody></table>""",
                                Html.join(rows)));
    }
}
