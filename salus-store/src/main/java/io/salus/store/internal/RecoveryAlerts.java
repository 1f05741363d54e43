package io.salus.store.internal;

import io.salus.core.account.AccountId;
import io.salus.core.recovery.RecoveryAlert;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Rows of {@code recovery_alert} (V35), written inside the transaction of the step they report. Stateless. */
public final class RecoveryAlerts {
    private RecoveryAlerts() {
    }

    public static void insert(Handle h, List<RecoveryAlert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        var batch = h.prepareBatch("""
                INSERT INTO recovery_alert (recovery, patient, recipient, kind, at, text)
                VALUES (:recovery, :patient, :recipient, :kind, :at, :text)""");
        for (RecoveryAlert a : alerts) {
            batch.bind("recovery", a.recovery()).bind("patient", a.patient().value())
                    .bind("recipient", a.recipient().value()).bind("kind", a.kind().name()).bind("at", Sql.ts(a.at()))
                    .bind("text", a.text()).add();
        }
        batch.execute();
    }

    public static List<RecoveryAlert> of(Handle h, AccountId recipient, int limit) {
        return h.createQuery("""
                SELECT recovery, patient, recipient, kind, at, text FROM recovery_alert WHERE recipient = :r
                ORDER BY at DESC, id DESC LIMIT :limit""").bind("r", recipient.value()).bind("limit", limit)
                .map((rs, ctx) -> new RecoveryAlert(Sql.uuid(rs, "recovery"), new AccountId(Sql.uuid(rs, "patient")),
                        new AccountId(Sql.uuid(rs, "recipient")), RecoveryAlert.Kind.valueOf(rs.getString("kind")),
                        Sql.instant(rs, "at"), rs.getString("text")))
                .list();
    }
}
