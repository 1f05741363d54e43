package io.salus.node.web.patient;

import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Grant;
import io.salus.core.consent.Purpose;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.record.Category;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.consent.ConsentService;
import io.salus.node.web.Html;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.View;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Consents: the patient's grants as projected from the chain, the grant form (who, what, why, until when, at what
 * price, summarised as the patient fills it in) and revocation in two clicks (Revoke, then Yes, revoke). Grants and
 * revocations go through {@link ConsentService}, the same use case as the API. Thread-safe.
 */
final class ConsentsPage {
    static final String PATH = PatientPortal.HOME + "/consents";
    private final ConsentService consents;
    private final AccountService accounts;
    private final Clock clock;

    ConsentsPage(ConsentService consents, AccountService accounts, Clock clock) {
        this.consents = consents;
        this.accounts = accounts;
        this.clock = clock;
    }

    Result<View> list(PortalRequest r) {
        return consents.list(r.account(), r.account().id()).map(grants -> {
            List<Html> rows = new ArrayList<>();
            for (Grant g : grants.reversed()) {
                rows.add(row(g));
            }
            Html table = grants.isEmpty()
                    ? Html.raw("<p>You have not granted any consent.</p>")
                    : Html.of("""
                            <table id="grants"><caption class="visually-hidden">Your consents</caption><thead><tr>\
                            <th scope="col">Grant</th><th scope="col">What it allows</th><th scope="col">Status</th>\
                            <th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>\
                            <tbody>{}</tbody></table>""", Html.join(rows));
            return View.of("Your consents", Html.concat(Html.raw("<h2>Current and past consents</h2>"), table,
                    form(r))).withScripts("consent-form.js");
        });
    }

    private static Html row(Grant g) {
        boolean revoked = g.revokedAtBlock().isPresent();
        Html action = revoked
                ? Html.EMPTY
                : Html.of("<a class=\"button\" href=\"{}/{}/revoke\" id=\"revoke-{}\">Revoke</a>", PATH, g.id(),
                        g.id());
        return Html.of("<tr data-grant=\"{}\"><td>#{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", g.id(), g.id(),
                Wording.sentence(g.terms()),
                revoked ? "revoked in block " + g.revokedAtBlock().get() : "active since block " + g.grantedAtBlock(),
                action);
    }

    private Html form(PortalRequest r) {
        List<Html> types = new ArrayList<>();
        for (AttestationType t : AttestationType.values()) {
            if (t.isConsumerType()) {
                types.add(box("consumerTypes", "type-", t.name(), Wording.of(t)));
            }
        }
        List<Html> cats = new ArrayList<>();
        for (Category c : Category.values()) {
            cats.add(box("categories", "cat-", c.name(), Wording.of(c)));
        }
        List<Html> purposes = new ArrayList<>();
        for (Purpose p : Purpose.values()) {
            purposes.add(box("purposes", "purpose-", p.name(), Wording.purpose(p)));
        }
        String until = clock.instant().atZone(ZoneOffset.UTC).toLocalDate().plusYears(1).toString();
        return Html.of(
                """
                        <h2 id="grant-heading">Grant a consent</h2>
                        <form method="post" action="{}" class="card" id="grant-form" aria-labelledby="grant-heading">{}
                        <fieldset><legend>Who may use the data (consumer types)</legend>{}</fieldset>
                        <p><label for="consumer">Only this consumer (optional: account id or 0x address)</label>
                        <input type="text" id="consumer" name="consumer" autocomplete="off" spellcheck="false"></p>
                        <fieldset><legend>What data (categories)</legend>{}</fieldset>
                        <fieldset><legend>Why (purposes)</legend>{}</fieldset>
                        <p><label for="validUntil">Until when (last day, UTC)</label>
                        <input type="date" id="validUntil" name="validUntil" value="{}" required></p>
                        <p><label for="minPrice">At what price (minimum tokens per patient; 0 means also free uses)</label>
                        <input type="number" id="minPrice" name="minPrice" value="0" min="0" step="1" required></p>
                        <section class="summary notice" aria-live="polite" aria-labelledby="summary-heading">
                        <h3 id="summary-heading">What this grant allows</h3>
                        <dl><dt>Who</dt><dd id="sum-who">choose consumer types</dd><dt>What</dt><dd id="sum-what">choose \
                        categories</dd><dt>Why</dt><dd id="sum-why">choose purposes</dd><dt>Until</dt><dd id="sum-until">{}</dd>\
                        <dt>Price</dt><dd id="sum-price">any price, including free</dd></dl>
                        <p>It is recorded on the chain, signed with your key. Your bank signs for you: it keeps your key \
                        (agent custody). To hold your keys yourself, so that no one at the bank can consent for you, see \
                        the self-custody wallet. You can revoke it at any time; revoking stops future uses, not uses made \
                        before.</p></section>
                        <p><button type="submit" id="grant-button">Grant this consent</button></p>
                        </form>""",
                PATH, r.csrfField(), Html.join(types), Html.join(cats), Html.join(purposes), until,
                until);
    }

    private static Html box(String name, String idPrefix, String value, String label) {
        String id = idPrefix + value.toLowerCase(java.util.Locale.ROOT);
        return Html.of("<span class=\"choice\"><input type=\"checkbox\" id=\"{}\" name=\"{}\" value=\"{}\">"
                + "<label class=\"inline\" for=\"{}\">{}</label></span>", id, name, value, id, label);
    }

    Result<String> grant(PortalRequest r) {
        return GrantForm.terms(r, accounts, clock).flatMap(t -> consents.grantCustodial(r.account(), t))
                .map(receipt -> PATH + "?notice=granted");
    }

    Result<View> confirmRevoke(PortalRequest r) {
        return grantOf(r).map(g -> View.of("Revoke consent #" + g.id(), Html.of("""
                <div class="card"><p>This consent allows:</p><p class="summary">{}</p>
                <p>Revoking it stops every future use under it, including deals not yet delivered.</p>
                <form method="post" action="{}/{}/revoke">{}<button type="submit" class="danger" id="confirm-revoke">\
                Yes, revoke</button> <a href="{}">No, keep it</a></form></div>""", Wording.sentence(g.terms()), PATH,
                g.id(), r.csrfField(), PATH)));
    }

    Result<String> revoke(PortalRequest r) {
        return grantId(r).flatMap(id -> consents.revokeCustodial(r.account(), id))
                .map(tx -> PATH + "?notice=revoked");
    }

    private Result<Grant> grantOf(PortalRequest r) {
        return grantId(r).flatMap(id -> consents.list(r.account(), r.account().id()).flatMap(gs -> {
            Optional<Grant> g = gs.stream().filter(x -> x.id() == id && x.revokedAtBlock().isEmpty()).findFirst();
            return g.<Result<Grant>>map(Result::ok).orElseGet(() -> Result.fail(Failure
                    .of(ErrorCode.PORTAL_FORM_INVALID, "You have no active consent #" + id + ".", "grantId")));
        }));
    }

    private static Result<Long> grantId(PortalRequest r) {
        try {
            return Result.ok(Long.parseLong(r.pathParam("grantId")));
        } catch (NumberFormatException e) {
            return Result.fail(Failure.of(ErrorCode.PORTAL_FORM_INVALID, "not a grant number", "grantId"));
        }
    }
}
