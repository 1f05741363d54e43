package io.salus.node.web.consumer;

import io.salus.core.error.Result;
import io.salus.node.web.Html;
import io.salus.node.web.PortalHandlers;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.View;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumer's deals: the list, one deal's page (terms, status on the node and on chain, the next step the API
 * allows as a CSRF-protected form, the package download and the CLI commands that decrypt it), the status fragment the
 * page polls, and the actions (post, match, deliver, refund). Every step goes through {@link ConsumerDesk}, hence the
 * same services and checks as {@code /deals}. Thread-safe.
 */
final class DealPages {
    static final String DEALS = ConsumerPortal.HOME + "/deals";
    private final ConsumerDesk desk;

    DealPages(ConsumerDesk desk) {
        this.desk = desk;
    }

    Result<View> list(PortalRequest r) {
        return desk.deals(r.account()).map(deals -> {
            List<Html> rows = new ArrayList<>();
            for (DealView d : deals) {
                rows.add(Html.of("<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                        + "<td>{}</td></tr>", DEALS + "/" + d.dealId(), shortId(d.dealId()), d.status(),
                        d.chainStatus(), d.priceInTokens(), d.cohortSize(), d.deadline()));
            }
            Html body = deals.isEmpty()
                    ? Html.raw("<p>No deals yet. <a href=\"/portal/consumer\">Build a cohort</a> and post one.</p>")
                    : Html.of("""
                            <table id="deals"><caption>Your deals, newest first</caption>
                            <thead><tr><th scope="col">Deal</th><th scope="col">Status</th>\
                            <th scope="col">On chain</th><th scope="col">Price per patient (tokens)</th>\
                            <th scope="col">Released cohort size</th><th scope="col">Deadline</th></tr></thead>
                            <tbody>{}</tbody></table>
                            """, Html.join(rows));
            return View.of("Deals", body);
        });
    }

    Result<View> detail(PortalRequest r) {
        return desk.deal(r.account(), r.pathParam("dealId")).map(d -> new View("Deal " + shortId(d.dealId()),
                Html.concat(summary(d), steps(r, d), delivery(r, d), transactions(d)), List.of("consumer-deal.js")));
    }

    /** JSON the deal page polls: the node's and the chain's status. */
    Result<Object> status(PortalRequest r) {
        return desk.deal(r.account(), r.pathParam("dealId")).map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", d.status());
            m.put("chainStatus", d.chainStatus());
            m.put("cohortSize", d.cohortSize());
            m.put("delivered", d.delivered());
            m.put("escrow", d.escrow());
            return m;
        });
    }

    /** The encrypted package as an attachment: exactly the bytes of {@code GET /deals/{id}/package}. */
    Result<PortalHandlers.File> packageFile(PortalRequest r) {
        String id = r.pathParam("dealId");
        return desk.packageBytes(r.account(), id).map(bytes -> new PortalHandlers.File(DecryptHint.fileName(id
                .toLowerCase(java.util.Locale.ROOT)) + ".salus", "application/octet-stream", bytes));
    }

    Result<String> post(PortalRequest r) {
        return desk.post(r.account(), r.ctx().formParamMap()).map(d -> DEALS + "/" + d.dealId() + "?notice=posted");
    }

    Result<String> match(PortalRequest r) {
        return desk.match(r.account(), r.pathParam("dealId")).map(d -> DEALS + "/" + d.dealId() + "?notice=matched");
    }

    Result<String> deliver(PortalRequest r) {
        return desk.deliver(r.account(), r.pathParam("dealId"))
                .map(d -> DEALS + "/" + d.dealId() + "?notice=delivered");
    }

    Result<String> refund(PortalRequest r) {
        String id = r.pathParam("dealId");
        return desk.refund(r.account(), id).map(tx -> DEALS + "/" + id.toLowerCase(java.util.Locale.ROOT)
                + "?notice=refunded");
    }

    private static Html summary(DealView d) {
        return Html.of("""
                <section class="card" aria-labelledby="deal-h" id="deal" data-deal="{}" data-status="{}">
                <h2 id="deal-h">Terms and status</h2>
                <dl class="summary">
                <dt>Deal id</dt><dd><code>{}</code></dd>
                <dt>Status</dt><dd><strong id="deal-status" aria-live="polite">{}</strong> \
                (on chain: <span id="chain-status">{}</span>)</dd>
                <dt>Data categories</dt><dd>{}</dd>
                <dt>Purpose</dt><dd>{}</dd>
                <dt>Price per patient</dt><dd>{} tokens ({} units)</dd>
                <dt>Maximum patients</dt><dd>{}</dd>
                <dt>Deadline</dt><dd>{}</dd>
                <dt>Released cohort size (differentially private)</dt><dd id="cohort-size">{}</dd>
                <dt>Delivered (and paid) patients</dt><dd id="delivered">{}</dd>
                <dt>Escrow left</dt><dd id="escrow">{} units</dd>
                </dl>
                </section>
                """, d.dealId(), d.status(), d.dealId(), d.status(), d.chainStatus(),
                String.join(", ", d.categories()), d.purpose(), d.priceInTokens(), d.pricePerPatient(),
                d.maxPatients(), d.deadline(), d.cohortSize(), d.delivered(), d.escrow());
    }

    private static Html steps(PortalRequest r, DealView d) {
        List<Html> forms = new ArrayList<>();
        String base = DEALS + "/" + d.dealId();
        if (d.canMatch()) {
            forms.add(form(r, base + "/match", "match-deal",
                    "Match consenting patients (spends the match's epsilon of your organisation's budget)", ""));
        }
        if (d.canDeliver()) {
            forms.add(form(r, base + "/deliver", "deliver-deal",
                    "Deliver the de-identified package and settle the payments", ""));
        }
        if (d.canRefund()) {
            forms.add(form(r, base + "/refund", "refund-deal", "Refund the unspent escrow",
                    "Refund the unspent escrow of this deal?"));
        }
        if (forms.isEmpty()) {
            forms.add(Html.raw(d.settled()
                    ? "<p>The deal is settled: download the package (its key was released on chain).</p>"
                    : "<p>No step is open to you now.</p>"));
        }
        return Html.of("<section class=\"card\" aria-labelledby=\"steps-h\"><h2 id=\"steps-h\">Next step</h2>{}"
                + "</section>", Html.join(forms));
    }

    private static Html form(PortalRequest r, String action, String id, String label, String confirm) {
        return Html.of("<form method=\"post\" action=\"{}\"{}>{}<button type=\"submit\" id=\"{}\">{}</button></form>",
                action, confirm.isEmpty() ? Html.EMPTY : Html.of(" data-confirm=\"{}\"", confirm), r.csrfField(), id,
                label);
    }

    private static Html delivery(PortalRequest r, DealView d) {
        if (!d.canDownload()) {
            return Html.EMPTY;
        }
        String base = r.ctx().scheme() + "://" + r.ctx().host();
        DecryptHint hint = DecryptHint.of(base, d.dealId());
        return Html.of("""
                <section class="card" aria-labelledby="delivery-h">
                <h2 id="delivery-h">Delivery</h2>
                <p>Package hash on chain (keccak-256 of the decrypted zip): <code>{}</code></p>
                <p><a id="download-package" href="{}" download>Download the encrypted package</a></p>
                <p>The package's content key was released on chain by the settlement, wrapped to your account's key; \
                the download carries it. The node does not open the package for you. Decrypt it offline with the \
                Salus CLI:</p>
                <ol id="decrypt-steps">
                <li>Export your decryption key once (keep it offline): <pre><code>{}</code></pre></li>
                <li>Download the package (or use the link above): <pre><code>{}</code></pre></li>
                <li>Decrypt it into a zip of FHIR Bulk Data NDJSON files: <pre><code id="decrypt-command">{}\
                </code></pre></li>
                </ol>
                </section>
                """, d.packageHash(), DEALS + "/" + d.dealId() + "/package", hint.keyExport(), hint.download(),
                hint.decrypt());
    }

    private static Html transactions(DealView d) {
        List<Html> items = d.transactions().stream().map(t -> Html.of("<li><code>{}</code></li>", t)).toList();
        return Html.of("<section class=\"card\" aria-labelledby=\"tx-h\"><h2 id=\"tx-h\">Chain transactions</h2>"
                + "<ul>{}</ul></section>", Html.join(items));
    }

    static String shortId(String dealId) {
        return dealId.length() > 12 ? dealId.substring(0, 12) + "…" : dealId;
    }
}
