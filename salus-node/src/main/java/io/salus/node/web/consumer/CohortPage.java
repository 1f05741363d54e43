package io.salus.node.web.consumer;

import io.salus.core.cohort.CodeCatalog;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.consent.Purpose;
import io.salus.core.error.Result;
import io.salus.core.privacy.Remaining;
import io.salus.core.record.Category;
import io.salus.node.web.Html;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.View;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The cohort builder: code search over the codes present in the node, age, sex, a date window and value thresholds,
 * the consent scope (categories, purpose), a noisy count on demand (each spends the ε typed, from the organisation's
 * budget, exactly like {@code POST /cohorts/count}), the remaining budget, and the deal terms to post and fund a deal
 * for this cohort. Thread-safe.
 */
final class CohortPage {
    private final ConsumerDesk desk;
    private final CodeCatalog catalog;

    CohortPage(ConsumerDesk desk, CodeCatalog catalog) {
        this.desk = desk;
        this.catalog = catalog;
    }

    Result<View> page(PortalRequest r) {
        return Result.ok(new View("Cohort builder", Html.concat(budget(r), form(r)),
                List.of("consumer-cohort.js")));
    }

    /** JSON: codes matching {@code q} (optionally of {@code kind}), at most 20, without any count. */
    Result<Object> codes(PortalRequest r) {
        Optional<FeatureKind> kind = Optional.ofNullable(r.query("kind")).filter(k -> !k.isBlank())
                .flatMap(FeatureKind::ofKey);
        return catalog.search(r.query("q"), kind, 20).map(list -> Map.of("codes", list.stream().map(e -> Map.of(
                "key", e.key(), "kind", e.kind().key(), "system", e.system(), "code", e.code(), "units", e.units()))
                .toList()));
    }

    /** JSON: a noisy count of the posted cohort form, charged to the organisation's budget. */
    Result<Object> count(PortalRequest r) {
        return desk.count(r.account(), r.ctx().formParamMap()).map(c -> c);
    }

    private Html budget(PortalRequest r) {
        Optional<Remaining> b = desk.budget(r.account());
        long balance = desk.balance(r.account());
        Html budgetLine = b.map(x -> Html.of("<p>Organisation <strong>{}</strong>: <strong id=\"remaining-budget\">{}"
                + "</strong> of {} ε left in this period. Every count spends the ε you choose; the budget renews "
                + "{}.</p>", x.organisation(), x.remaining().toPlainString(), x.total().toPlainString(),
                x.renewsAt().map(t -> "on " + t.toString().substring(0, 10) + " (UTC)").orElse("never")))
                .orElse(Html.raw("<p id=\"remaining-budget\">No organisation yet: the node operator assigns one "
                        + "before you can count.</p>"));
        return Html.of("""
                <section class="card" aria-labelledby="budget-h">
                <h2 id="budget-h">Privacy budget and tokens</h2>
                {}
                <p>Token balance: <strong id="token-balance">{}</strong> tokens (a deal's escrow is price × maximum \
                patients).</p>
                <p><a href="/portal/consumer/deals">Your deals</a></p>
                </section>
                """, budgetLine, BigDecimal.valueOf(balance, 6).toPlainString());
    }

    private Html form(PortalRequest r) {
        return Html.of("""
                <form id="cohort-form" method="post" action="/portal/consumer/deals" novalidate>
                {}
                <fieldset>
                <legend>Codes</legend>
                <label for="code-search">Search the codes present in this node</label>
                <input type="text" id="code-search" autocomplete="off" aria-describedby="code-search-hint" \
                aria-controls="code-results">
                <label for="code-kind" class="inline">Kind</label>
                <select id="code-kind">{}</select>
                <p id="code-search-hint" class="hint">Type part of a code, e.g. <code>4548</code> or \
                <code>loinc:4548</code>. Only codes that at least 11 patients hold are listed, and no counts.</p>
                <ul id="code-results" aria-live="polite" aria-label="Matching codes"></ul>
                <table id="terms"><caption>Selected codes</caption>
                <thead><tr><th scope="col">Code</th><th scope="col">Threshold (observations)</th>\
                <th scope="col">Exclude</th><th scope="col">Remove</th></tr></thead>
                <tbody id="term-rows"></tbody></table>
                <fieldset><legend>Patients must have</legend>
                <input type="radio" id="match-all" name="match" value="all" checked>\
                <label for="match-all" class="inline">all of the codes</label>
                <input type="radio" id="match-any" name="match" value="any">\
                <label for="match-any" class="inline">any of the codes</label>
                </fieldset>
                </fieldset>
                <fieldset>
                <legend>Patients</legend>
                <p><label for="ageMin">Age from (years)</label><input type="number" id="ageMin" name="ageMin" \
                min="0" max="150"></p>
                <p><label for="ageMax">Age to (years)</label><input type="number" id="ageMax" name="ageMax" \
                min="0" max="150"></p>
                <p><label for="sex">Sex</label><select id="sex" name="sex"><option value="">any</option>\
                <option value="female">female</option><option value="male">male</option>\
                <option value="other">other</option><option value="unknown">unknown</option></select></p>
                <p><label for="from">Records from (date)</label><input type="date" id="from" name="from"></p>
                <p><label for="to">Records until (date)</label><input type="date" id="to" name="to"></p>
                </fieldset>
                <fieldset>
                <legend>Consent scope: data categories</legend>
                {}
                <p><label for="purpose">Purpose of use</label><select id="purpose" name="purpose">{}</select></p>
                </fieldset>
                <fieldset>
                <legend>Noisy count</legend>
                <label for="epsilon">ε to spend on this count</label>
                <input type="text" id="epsilon" name="epsilon" value="0.5" inputmode="decimal" \
                aria-describedby="epsilon-hint">
                <p id="epsilon-hint" class="hint">Smaller ε is more private and noisier (0.5: about ±3). Counts \
                under 11 show as "fewer than 11".</p>
                <button type="button" id="count-button">Count (spends ε)</button>
                <p>Noisy count: <output id="count-result" aria-live="polite">not counted yet</output></p>
                <p id="count-error" class="error" role="alert" hidden></p>
                </fieldset>
                <fieldset>
                <legend>Deal terms</legend>
                <p><label for="pricePerPatient">Price per patient (token units, 6 decimals: 1000000 = 1 token)\
                </label><input type="number" id="pricePerPatient" name="pricePerPatient" min="0" value="1000000"></p>
                <p><label for="maxPatients">Maximum patients</label>
                <input type="number" id="maxPatients" name="maxPatients" min="1" value="10"></p>
                <p><label for="deadline">Deadline (UTC)</label>
                <input type="datetime-local" id="deadline" name="deadline" required></p>
                <fieldset><legend>Split in basis points (sum 10,000)</legend>{}</fieldset>
                </fieldset>
                <button type="submit" id="post-deal">Post and fund a deal for this cohort</button>
                </form>
                """, r.csrfField(), kindOptions(), categories(), purposes(), split());
    }

    private static Html kindOptions() {
        List<Html> o = new ArrayList<>();
        o.add(Html.raw("<option value=\"\">any</option>"));
        for (FeatureKind k : FeatureKind.values()) {
            o.add(Html.of("<option value=\"{}\">{}</option>", k.key(), k.key()));
        }
        return Html.join(o);
    }

    private static Html categories() {
        List<Html> o = new ArrayList<>();
        for (Category c : Category.values()) {
            String id = "cat-" + c.name().toLowerCase(Locale.ROOT);
            o.add(Html.of("<span><input type=\"checkbox\" id=\"{}\" name=\"categories\" value=\"{}\"{}>"
                    + "<label for=\"{}\" class=\"inline\">{}</label></span> ", id, c.name(),
                    c == Category.VITAL_SIGNS || c == Category.LAB_RESULTS ? Html.raw(" checked") : Html.EMPTY, id,
                    c.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        }
        return Html.join(o);
    }

    private static Html purposes() {
        List<Html> o = new ArrayList<>();
        for (Purpose p : Purpose.values()) {
            o.add(Html.of("<option value=\"{}\"{}>{} ({})</option>", p.name(),
                    p == Purpose.HRESCH ? Html.raw(" selected") : Html.EMPTY, p.display(), p.name()));
        }
        return Html.join(o);
    }

    private static Html split() {
        List<Html> o = new ArrayList<>();
        String[] labels = {"patient", "providers", "caregiver", "DAO treasury", "operator"};
        for (int i = 0; i < labels.length; i++) {
            String field = DealForm.SPLIT_FIELDS.get(i);
            String id = field.replace('.', '-');
            o.add(Html.of("<label for=\"{}\" class=\"inline\">{}</label><input type=\"number\" id=\"{}\" name=\"{}\""
                    + " min=\"0\" max=\"10000\" value=\"{}\"> ", id, labels[i], id, field, DealForm.DEFAULT_SPLIT[i]));
        }
        return Html.join(o);
    }
}
