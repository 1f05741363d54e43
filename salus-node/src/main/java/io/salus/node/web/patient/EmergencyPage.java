package io.salus.node.web.patient;

import io.salus.core.account.AccountId;
import io.salus.core.emergency.BreakGlassAccess;
import io.salus.core.error.Result;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.emergency.BreakGlassReviews;
import io.salus.core.usecase.emergency.EmergencyPreferences;
import io.salus.node.web.Html;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.View;
import java.util.ArrayList;
import java.util.List;

/**
 * The patient's emergency access: whether responders may break the glass on their emergency profile (opt out or back
 * in), and every break-the-glass access with who opened it, on which credential, why, until when, and its review
 * (the same use cases as {@code /patients/{id}/emergency-access} and {@code /emergency-preference}). Thread-safe.
 */
public final class EmergencyPage {
    static final String PATH = PatientPortal.HOME + "/emergency";
    private final BreakGlassReviews reviews;
    private final EmergencyPreferences preferences;
    private final AccountService accounts;

    public EmergencyPage(BreakGlassReviews reviews, EmergencyPreferences preferences, AccountService accounts) {
        this.reviews = reviews;
        this.preferences = preferences;
        this.accounts = accounts;
    }

    Result<View> show(PortalRequest r) {
        AccountId me = r.account().id();
        return preferences.optedOut(r.account(), me).flatMap(optedOut -> reviews.log(r.account(), me, 100)
                .map(log -> View.of("Emergency access", Html.concat(preference(r, optedOut), accesses(log)))));
    }

    Result<String> prefer(PortalRequest r) {
        return preferences.setOptedOut(r.account(), r.account().id(), "out".equals(r.form("choice")))
                .map(o -> PATH + "?notice=" + (o ? "opted-out" : "opted-in"));
    }

    private static Html preference(PortalRequest r, boolean optedOut) {
        return Html.of("""
                <section class="card"><h2>Your choice</h2><p id="emergency-choice">{}</p>
                <form method="post" action="{}">{}<input type="hidden" name="choice" value="{}">\
                <button type="submit" id="emergency-toggle">{}</button></form></section>""", optedOut
                ? "You opted out: no responder can open your emergency profile, even if you cannot act."
                : "A responder presenting a valid emergency-responder or physician credential may open your "
                        + "emergency profile (allergies, active medications and conditions, blood group, emergency "
                        + "contacts) for a limited time, with a reason. You and your carers are told at once.",
                PATH, r.csrfField(), optedOut ? "in" : "out", optedOut ? "Allow emergency access" : "Opt out");
    }

    private Html accesses(List<BreakGlassAccess> log) {
        if (log.isEmpty()) {
            return Html.raw("<p>Nobody has broken the glass on your profile.</p>");
        }
        List<Html> rows = new ArrayList<>();
        for (BreakGlassAccess a : log) {
            String who = accounts.find(a.responder()).map(x -> x.displayName() + " (" + x.kind() + ")")
                    .orElse(a.responder().toString());
            String review = a.review().map(v -> (v.justified() ? "justified" : "NOT justified")
                    + (v.note().isEmpty() ? "" : ": " + v.note())).orElse("awaiting review");
            rows.add(Html.of("""
                    <tr><td><time datetime="{}">{}</time></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
                    <td>{}</td></tr>""", a.openedAt(), a.openedAt().toString().replace('T', ' ').substring(0, 19),
                    who, a.credentialType(), a.justification(), a.expiresAt().toString().replace('T', ' ')
                            .substring(0, 19),
                    review));
        }
        return Html.of("""
                <table id="emergency-accesses"><caption>Break-the-glass accesses, newest first</caption><thead><tr>\
                <th scope="col">Opened (UTC)</th><th scope="col">By</th><th scope="col">Credential</th>\
                <th scope="col">Reason given</th><th scope="col">Readable until (UTC)</th>\
                <th scope="col">Review</th></tr></thead><tbody>{}</tbody></table>""", Html.join(rows));
    }
}
