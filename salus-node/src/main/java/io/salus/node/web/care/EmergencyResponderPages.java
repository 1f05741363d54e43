package io.salus.node.web.care;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.emergency.BreakGlassAccess;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.emergency.BreakGlass;
import io.salus.node.web.Html;
import io.salus.node.web.NavLink;
import io.salus.node.web.PortalModule;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.PortalRouter;
import io.salus.node.web.View;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The responder's break-the-glass pages (docs/care.md), next to the carers' portal: a CSRF-protected form (patient id,
 * justification) that opens the patient's emergency profile through {@link BreakGlass#open}, the same use case as
 * {@code POST /patients/{id}/emergency-access} (presented credential, opt-out, audit and chain event before anything
 * is shown); then the profile's page, which reads it through {@link BreakGlass#reread} (the same as
 * {@code GET /emergency-access/{aid}/profile}: the responder only, until the access expires, audited again) and shows
 * allergies, medications, problems, blood group and emergency contacts, read-only. A refusal is an error page with its
 * code. Thread-safe.
 */
public final class EmergencyResponderPages implements PortalModule {
    static final String HOME = CarePortal.HOME + "/emergency";
    private final BreakGlass breakGlass;
    private final AccountService accounts;

    public EmergencyResponderPages(BreakGlass breakGlass, AccountService accounts) {
        this.breakGlass = breakGlass;
        this.accounts = accounts;
    }

    @Override
    public Set<AccountKind> kinds() {
        return CarePortal.KINDS;
    }

    @Override
    public String home() {
        return HOME;
    }

    @Override
    public List<NavLink> nav() {
        return List.of(new NavLink(HOME, "Emergency access"));
    }

    @Override
    public void routes(PortalRouter router) {
        router.page(HOME, this::form);
        router.action(HOME, this::open);
        router.page(HOME + "/{accessId}", this::profile);
        router.notice("emergency-opened", "Emergency access opened and audited; the patient and their carers were "
                + "notified. The profile stays readable until the time shown.");
    }

    Result<View> form(PortalRequest r) {
        return Result.ok(View.of("Emergency access", Html.of("""
                <p>Break the glass only for a patient who needs emergency care and cannot consent. You need an \
                emergency-responder or physician credential from a trusted board, presented to this node first \
                (<code>./salus credential present</code> or <code>POST /presentations</code>). Opening is audited \
                and logged on chain before anything is shown; the patient and their carers are told at once; an \
                auditor reviews every access afterwards.</p>
                <section class="card"><h2>Open an emergency profile</h2>\
                <form method="post" action="{}" id="emergency-open">{}\
                <label>Patient account id <input name="patient" required></label>\
                <label>Justification (10 to 1000 characters) <textarea name="justification" minlength="10" \
                maxlength="1000" required></textarea></label>\
                <button type="submit" id="emergency-submit">Open the emergency profile</button></form></section>""",
                HOME, r.csrfField())));
    }

    Result<String> open(PortalRequest r) {
        Optional<AccountId> patient = AccountId.parse(Optional.ofNullable(r.form("patient")).orElse(""));
        if (patient.isEmpty()) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "the patient is an account id", "patient"));
        }
        return breakGlass.open(r.account(), patient.get(), r.form("justification"))
                .map(o -> HOME + "/" + o.access().id() + "?notice=emergency-opened");
    }

    Result<View> profile(PortalRequest r) {
        UUID id;
        try {
            id = UUID.fromString(r.pathParam("accessId"));
        } catch (IllegalArgumentException e) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "accessId must be a UUID", "accessId"));
        }
        return breakGlass.reread(r.account(), id).map(o -> View.of("Emergency profile", Html.concat(
                header(o.access()), EmergencyProfileView.of(o.profile()))));
    }

    private Html header(BreakGlassAccess a) {
        String patient = accounts.find(a.patient()).map(Account::displayName).orElse(a.patient().toString());
        return Html.of("""
                <p id="emergency-access" class="card">Read-only emergency profile of <strong>{}</strong>, opened \
                on your {} credential at <time datetime="{}">{}</time>; readable until <time id="emergency-expires" \
                datetime="{}">{}</time> UTC. Your reason: {}. Every view is audited.</p>""", patient,
                a.credentialType(), a.openedAt(), utc(a.openedAt()), a.expiresAt(), utc(a.expiresAt()),
                a.justification());
    }

    private static String utc(Instant at) {
        return at.toString().replace('T', ' ').substring(0, 19);
    }
}
