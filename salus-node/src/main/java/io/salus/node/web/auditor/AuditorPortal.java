package io.salus.node.web.auditor;

import io.salus.core.account.AccountKind;
import io.salus.core.error.Result;
import io.salus.core.usecase.consent.AuditVerifier;
import io.salus.node.web.Html;
import io.salus.node.web.NavLink;
import io.salus.node.web.PortalModule;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.PortalRouter;
import io.salus.node.web.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The auditor view: the audit trail of a patient or of a requester (a consumer, a provider), each entry checked
 * against its AccessLog event on chain by the same verifier as {@code /audit/...}, with a visible verdict per row
 * ("verified", "MISMATCH: reason", "missing on chain"). Read-only: it changes nothing. Thread-safe.
 */
public final class AuditorPortal implements PortalModule {
    static final String HOME = "/portal/auditor";
    private final AuditorDesk desk;

    public AuditorPortal(AuditVerifier verifier) {
        this.desk = new AuditorDesk(verifier);
    }

    @Override
    public Set<AccountKind> kinds() {
        return Set.of(AccountKind.AUDITOR);
    }

    @Override
    public String home() {
        return HOME;
    }

    @Override
    public List<NavLink> nav() {
        return List.of(new NavLink(HOME, "Audit trail"));
    }

    @Override
    public void routes(PortalRouter router) {
        router.page(HOME, this::page);
    }

    Result<View> page(PortalRequest r) {
        String id = r.query("subject");
        AuditTrail.Subject subject = "requester".equals(r.query("of"))
                ? AuditTrail.Subject.REQUESTER
                : AuditTrail.Subject.PATIENT;
        Html form = form(subject, id == null ? "" : id);
        if (id == null || id.isBlank()) {
            return Result.ok(View.of("Audit trail", form));
        }
        return desk.trail(r.account(), subject, id).map(t -> View.of("Audit trail", Html.concat(form, trail(t))));
    }

    private static Html form(AuditTrail.Subject subject, String id) {
        return Html.of("""
                <form method="get" action="/portal/auditor" class="card">
                <fieldset><legend>Whose trail</legend>
                <input type="radio" id="of-patient" name="of" value="patient"{}>\
                <label for="of-patient" class="inline">a patient's (who accessed their data)</label>
                <input type="radio" id="of-requester" name="of" value="requester"{}>\
                <label for="of-requester" class="inline">a consumer's or provider's (what they accessed)</label>
                </fieldset>
                <label for="subject">Account id</label>
                <input type="text" id="subject" name="subject" value="{}" required aria-describedby="subject-hint">
                <p id="subject-hint" class="hint">Each entry is checked against the AccessLog event on chain that \
                carries its hash (the event names the patient only by a pseudonym of that access, which the node \
                recomputes).</p>
                <button type="submit" id="verify">Verify the trail</button>
                </form>
                """, subject == AuditTrail.Subject.PATIENT ? Html.raw(" checked") : Html.EMPTY,
                subject == AuditTrail.Subject.REQUESTER ? Html.raw(" checked") : Html.EMPTY, id);
    }

    private static Html trail(AuditTrail t) {
        List<Html> rows = new ArrayList<>();
        for (AuditRow row : t.rows()) {
            String kind = row.kind().name().toLowerCase(java.util.Locale.ROOT);
            String mark = row.kind() == AuditRow.Kind.BAD ? "✗ " : row.kind() == AuditRow.Kind.OK ? "✓ " : "… ";
            Object tx = row.txHash().isEmpty()
                    ? "—"
                    : Html.of("<code title=\"{}\">{}…</code> (block {})", row.txHash(), row.txHash().substring(0,
                            Math.min(12, row.txHash().length())), row.block());
            rows.add(Html.of("<tr class=\"row-{}\" data-entry=\"{}\"><td class=\"verdict {}\">{}{}</td><td>{}</td>"
                    + "<td>{}<br><span class=\"hint\">{}</span></td><td>{}</td><td>{}</td><td><code>{}</code></td>"
                    + "<td><code>{}</code></td><td>{}</td></tr>", kind, row.entryId(),
                    kind.equals("wait") ? "hint" : kind,
                    mark, row.verdict(), row.at(), row.decision(), row.reason(), row.category(), row.purpose(),
                    row.requesterId(), row.patientId(), tx));
        }
        return Html.of("""
                <section aria-labelledby="trail-h">
                <h2 id="trail-h">{} {}</h2>
                <p id="trail-summary" class="{}" role="status">{}</p>
                <table id="trail" class="trail"><caption>Audit entries, newest first, each checked against the chain\
                </caption>
                <thead><tr><th scope="col">Verdict</th><th scope="col">When</th><th scope="col">Decision</th>\
                <th scope="col">Category</th><th scope="col">Purpose</th><th scope="col">Requester</th>\
                <th scope="col">Patient</th><th scope="col">AccessLog transaction</th></tr></thead>
                <tbody>{}</tbody></table>
                </section>
                """, t.subject() == AuditTrail.Subject.PATIENT ? "Patient" : "Requester", t.subjectId(),
                t.verified() ? "ok" : "bad", t.summary(), Html.join(rows));
    }

}
