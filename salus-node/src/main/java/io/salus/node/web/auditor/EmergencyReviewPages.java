package io.salus.node.web.auditor;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.emergency.BreakGlassAccess;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.emergency.BreakGlassReviews;
import io.salus.node.web.Html;
import io.salus.node.web.NavLink;
import io.salus.node.web.PortalModule;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.PortalRouter;
import io.salus.node.web.View;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The reviewers' break-the-glass page (docs/care.md), for auditors and the operator: the emergency accesses waiting
 * for a review, oldest first, each with a CSRF-protected form marking it justified or not with a note, through
 * {@link BreakGlassReviews}, the same use case as {@code GET /emergency-access/pending-review} and
 * {@code POST /emergency-access/{aid}/review} (once per access; the patient sees the review). Thread-safe.
 */
public final class EmergencyReviewPages implements PortalModule {
    static final String HOME = "/portal/emergency-review";
    private static final int LIMIT = 100;
    private final BreakGlassReviews reviews;
    private final AccountService accounts;

    public EmergencyReviewPages(BreakGlassReviews reviews, AccountService accounts) {
        this.reviews = reviews;
        this.accounts = accounts;
    }

    @Override
    public Set<AccountKind> kinds() {
        return Set.of(AccountKind.AUDITOR, AccountKind.OPERATOR);
    }

    @Override
    public String home() {
        return HOME;
    }

    @Override
    public List<NavLink> nav() {
        return List.of(new NavLink(HOME, "Emergency reviews"));
    }

    @Override
    public void routes(PortalRouter router) {
        router.page(HOME, this::pending);
        router.action(HOME + "/{accessId}", this::review);
        router.notice("emergency-reviewed", "The review was recorded; the patient sees it with the access.");
    }

    Result<View> pending(PortalRequest r) {
        return reviews.pending(r.account(), LIMIT).map(list -> View.of("Emergency access reviews",
                list.isEmpty()
                        ? Html.raw("<p id=\"no-pending\">No break-the-glass access is waiting for a review.</p>")
                        : table(r, list)));
    }

    Result<String> review(PortalRequest r) {
        UUID id;
        try {
            id = UUID.fromString(r.pathParam("accessId"));
        } catch (IllegalArgumentException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "accessId must be a UUID", "accessId"));
        }
        String verdict = r.form("justified");
        if (!"yes".equals(verdict) && !"no".equals(verdict)) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "choose justified or not justified",
                    "justified"));
        }
        return reviews.review(r.account(), id, "yes".equals(verdict), r.form("note"))
                .map(a -> HOME + "?notice=emergency-reviewed");
    }

    private Html table(PortalRequest r, List<BreakGlassAccess> list) {
        List<Html> rows = new ArrayList<>();
        for (BreakGlassAccess a : list) {
            rows.add(Html.of("""
                    <tr data-access="{}"><td><time datetime="{}">{}</time></td><td>{}</td><td>{}</td><td>{}</td>\
                    <td>{}</td><td><form method="post" action="{}/{}">{}\
                    <label class="inline"><input type="radio" name="justified" value="yes" required> justified</label>\
                    <label class="inline"><input type="radio" name="justified" value="no"> not justified</label>\
                    <label>Note <input name="note" maxlength="2000"></label>\
                    <button type="submit">Record the review</button></form></td></tr>""", a.id(), a.openedAt(),
                    utc(a.openedAt()), name(a.responder()), a.credentialType(), name(a.patient()),
                    a.justification(), HOME, a.id(), r.csrfField()));
        }
        return Html.of("""
                <p>Every break-the-glass access is reviewed once, afterwards. The patient sees your verdict and note \
                with the access.</p>
                <table id="emergency-pending"><caption>Waiting for a review, oldest first</caption><thead><tr>\
                <th scope="col">Opened (UTC)</th><th scope="col">Responder</th><th scope="col">Credential</th>\
                <th scope="col">Patient</th><th scope="col">Reason given</th><th scope="col">Review</th></tr>\
                </thead><tbody>{}</tbody></table>""", Html.join(rows));
    }

    private String name(AccountId id) {
        return accounts.find(id).map(Account::displayName).orElse(id.toString());
    }

    private static String utc(Instant at) {
        return at.toString().replace('T', ' ').substring(0, 19);
    }
}
