package io.salus.node.web.patient;

import io.salus.core.account.Account;
import io.salus.core.consent.AuditEntry;
import io.salus.core.consent.Decision;
import io.salus.core.error.Result;
import io.salus.core.port.AuditLog;
import io.salus.core.usecase.AccountService;
import io.salus.node.web.Html;
import io.salus.node.web.PortalRequest;
import io.salus.node.web.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The patient's access log: every decision about their data (who asked, what, why, permitted or denied and why, and
 * whether its audit hash is on the chain), from the same {@link AuditLog} as {@code GET /patients/{id}/access-log}.
 * Thread-safe.
 */
final class AccessLogPage {
    static final String PATH = PatientPortal.HOME + "/access-log";
    private final AuditLog audit;
    private final AccountService accounts;

    AccessLogPage(AuditLog audit, AccountService accounts) {
        this.audit = audit;
        this.accounts = accounts;
    }

    Result<View> show(PortalRequest r) {
        List<AuditEntry> entries = audit.forPatient(r.account().id(), 200);
        List<Html> rows = new ArrayList<>();
        for (AuditEntry e : entries) {
            String who = accounts.find(e.requester()).map(AccessLogPage::name).orElse(e.requester().toString());
            boolean permit = e.decision().effect() == Decision.Effect.PERMIT;
            rows.add(Html.of("""
                    <tr class="{}"><td><time datetime="{}">{}</time></td><td>{}</td><td>{}</td><td>{}</td>\
                    <td class="{}">{}</td><td>{}</td><td>{}</td></tr>""", permit ? "permit" : "deny", e.at(),
                    e.at().toString().replace('T', ' ').substring(0, 19), who, Wording.of(e.category()),
                    Wording.purpose(e.purpose()), permit ? "ok" : "bad", permit ? "Permitted" : "Denied",
                    e.decision().reason() + e.decision().code().map(c -> " (" + c.code() + ")").orElse(""),
                    permit
                            ? e.block().map(b -> "in block " + b).orElse("being logged")
                            : "no (denials stay in the audit trail)"));
        }
        Html body = entries.isEmpty()
                ? Html.raw("<p>Nobody has asked for your data yet.</p>")
                : Html.of("""
                        <p>The latest {} decisions about your data, newest first. Every permitted access is logged on \
                        the chain (its audit hash) before any data leaves; denials are kept in the audit trail.</p>
                        <table id="access-log"><caption class="visually-hidden">Access log</caption><thead><tr>\
                        <th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">What</th>\
                        <th scope="col">Why</th><th scope="col">Decision</th><th scope="col">Reason</th>\
                        <th scope="col">On chain</th></tr></thead><tbody>{}</tbody></table>""", entries.size(),
                        Html.join(rows));
        return Result.ok(View.of("Who accessed your data", body));
    }

    private static String name(Account a) {
        return (a.displayName() == null ? a.id().toString() : a.displayName()) + " ("
                + a.kind().name().toLowerCase(Locale.ROOT) + ")";
    }
}
