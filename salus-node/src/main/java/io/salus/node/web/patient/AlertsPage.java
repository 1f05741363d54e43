package io.salus.node.web.patient;

import io.salus.core.error.Result;
import io.salus.core.monitoring.Alert;
import io.salus.core.monitoring.Escalation;
import io.salus.core.usecase.monitoring.AlertService;
import io.salus.node.web.DataAge;
import io.salus.node.web.Html;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The patient's health alerts from monitoring their devices' readings, newest first: what fired, the value, how old
 * the data is, who was notified and whether someone acknowledged it; an open one can be acknowledged here (the same
 * {@link AlertService} as {@code GET /patients/{id}/health-alerts}). Thread-safe.
 */
final class AlertsPage {
    static final String PATH = PatientPortal.HOME + "/alerts";
    private final AlertService alerts;

    AlertsPage(AlertService alerts) {
        this.alerts = alerts;
    }

    Result<View> show(PortalRequest r) {
        return alerts.ofPatient(r.account(), r.account().id(), 100).map(views -> {
            List<Html> rows = new ArrayList<>();
            for (AlertService.View v : views) {
                rows.add(row(r, v));
            }
            Html body = views.isEmpty()
                    ? Html.raw("<p>No alerts: nothing in your devices' readings has crossed a monitoring rule.</p>")
                    : Html.of("""
                            <p>Alerts raised on your devices' readings, newest first. An urgent alert goes to you \
                            first, then to your carers receiving alerts and the providers you chose, one after the \
                            other until someone acknowledges it.</p>
                            <table id="alerts"><caption class="visually-hidden">Health alerts</caption><thead><tr>\
                            <th scope="col">Raised (UTC)</th><th scope="col">Alert</th><th scope="col">Value</th>\
                            <th scope="col">Data age</th><th scope="col">Notified</th><th scope="col">Status</th>\
                            </tr></thead><tbody>{}</tbody></table>""", Html.join(rows));
            return View.of("Health alerts", body);
        });
    }

    Result<String> acknowledge(PortalRequest r) {
        return alerts.acknowledge(r.account(), r.pathParam("alertId")).map(v -> PATH + "?notice=acknowledged");
    }

    private static Html row(PortalRequest r, AlertService.View v) {
        Alert a = v.alert();
        Escalation e = v.escalation();
        String value = a.value().map(x -> x + " " + a.unit()).orElse("none");
        String notified = String.join(", ", e.notices().stream().map(n -> n.to().role().name().toLowerCase(
                Locale.ROOT)).toList());
        Html status = e.status() == Escalation.Status.ACKNOWLEDGED
                ? Html.of("acknowledged")
                : Html.of("""
                        {} <form method="post" action="{}/{}/acknowledge">{}<button type="submit">Acknowledge\
                        </button></form>""", e.status().name().toLowerCase(Locale.ROOT), PATH, a.id(), r.csrfField());
        return Html.of("""
                <tr class="{}"><td><time datetime="{}">{}</time></td><td>{}<br><small>{}</small></td><td>{}</td>\
                <td>{}</td><td>{}</td><td>{}</td></tr>""", a.urgent() ? "bad" : "warn", a.raisedAt(), a.raisedAt()
                .toString().replace('T', ' ').substring(0, 19), a.title(), a.detail(), value, DataAge.of(v.freshness()),
                notified, status);
    }
}
