package io.salus.node.web.care;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.error.Result;
import io.salus.core.monitoring.Alert;
import io.salus.core.monitoring.Escalation;
import io.salus.core.port.AccountStore;
import io.salus.core.usecase.monitoring.AlertService;
import io.salus.node.web.DataAge;
import io.salus.node.web.Html;
import io.salus.node.web.NavLink;
import io.salus.node.web.PortalModule;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.PortalRouter;
import io.salus.node.web.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The carers' and providers' portal: the health alerts sent to the signed-in account (a delegate receiving a patient's
 * alerts, or a provider the patient chose), with the patient, the data's freshness and the escalation, and
 * acknowledging an open one. It reads through {@link AlertService#inbox} and acknowledges through
 * {@link AlertService#acknowledge}, so what it shows is decided when it is read: a revoked delegate or an unrelated
 * provider sees nothing and cannot acknowledge. Thread-safe.
 */
public final class CarePortal implements PortalModule {
    static final String HOME = "/portal/care";
    /** The carers and providers this portal and its emergency-access pages serve. */
    static final Set<AccountKind> KINDS = Set.of(AccountKind.CAREGIVER, AccountKind.PHYSICIAN, AccountKind.HOSPITAL,
            AccountKind.PHARMACY);
    private final AlertService alerts;
    private final AccountStore accounts;

    public CarePortal(AlertService alerts, AccountStore accounts) {
        this.alerts = alerts;
        this.accounts = accounts;
    }

    @Override
    public Set<AccountKind> kinds() {
        return KINDS;
    }

    @Override
    public String home() {
        return HOME;
    }

    @Override
    public List<NavLink> nav() {
        return List.of(new NavLink(HOME, "Alerts"));
    }

    @Override
    public void routes(PortalRouter router) {
        router.page(HOME, this::show);
        router.action(HOME + "/alerts/{alertId}/acknowledge", this::acknowledge);
        router.notice("acknowledged", "The alert was acknowledged; it escalates no further.");
    }

    Result<View> show(PortalRequest r) {
        List<AlertService.View> views = alerts.inbox(r.account(), 100);
        List<Html> rows = new ArrayList<>();
        for (AlertService.View v : views) {
            rows.add(row(r, v));
        }
        Html body = views.isEmpty()
                ? Html.raw("<p id=\"no-alerts\">No alerts: no patient who chose you has an alert for you.</p>")
                : Html.of("""
                        <p>Alerts of the patients who chose you to receive them, newest first. The data age says how \
                        old the readings behind an alert are; acknowledging stops its escalation.</p>
                        <table id="care-alerts"><caption class="visually-hidden">Alerts sent to you</caption><thead>\
                        <tr><th scope="col">Patient</th><th scope="col">Raised (UTC)</th><th scope="col">Alert</th>\
                        <th scope="col">Value</th><th scope="col">Data age</th><th scope="col">Status</th></tr></thead>\
                        <tbody>{}</tbody></table>""", Html.join(rows));
        return Result.ok(View.of("Alerts for you", body));
    }

    Result<String> acknowledge(PortalRequest r) {
        return alerts.acknowledge(r.account(), r.pathParam("alertId")).map(v -> HOME + "?notice=acknowledged");
    }

    private Html row(PortalRequest r, AlertService.View v) {
        Alert a = v.alert();
        Escalation e = v.escalation();
        String patient = accounts.find(a.patient()).map(Account::displayName).orElse("a patient");
        String value = a.value().map(x -> x + " " + a.unit()).orElse("none");
        Html status = e.status() == Escalation.Status.ACKNOWLEDGED
                ? Html.of("acknowledged")
                : Html.of("""
                        {} <form method="post" action="{}/alerts/{}/acknowledge">{}<button type="submit">Acknowledge\
                        </button></form>""", e.status().name().toLowerCase(Locale.ROOT), HOME, a.id(), r.csrfField());
        return Html.of("""
                <tr class="{}" data-alert="{}"><td>{}</td><td><time datetime="{}">{}</time></td><td>{}<br><small>{}\
                </small></td><td>{}</td><td class="freshness">{}</td><td>{}</td></tr>""", a.urgent() ? "bad" : "warn",
                a.id(), patient, a.raisedAt(), a.raisedAt().toString().replace('T', ' ').substring(0, 19), a.title(),
                a.detail(), value, DataAge.of(v.freshness()), status);
    }
}
