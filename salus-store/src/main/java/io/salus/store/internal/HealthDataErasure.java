package io.salus.store.internal;

import io.salus.core.account.AccountId;
import org.jdbi.v3.core.Handle;

/**
 * Deletes, inside an erasure's transaction, what the health services keep about a patient outside sealed records:
 * their devices with their streams and batch rows (kinds and codes say what is measured), their monitoring plan, and
 * their alerts with notices and audit events (sealed alerts carry values; their times and severities say something).
 * Stateless.
 */
public final class HealthDataErasure {
    private static final String[] STATEMENTS = {
            "DELETE FROM device_batch WHERE device IN (SELECT id FROM device WHERE patient = :p)",
            "DELETE FROM device_stream WHERE device IN (SELECT id FROM device WHERE patient = :p)",
            "DELETE FROM device WHERE patient = :p",
            "DELETE FROM monitoring_audit WHERE alert IN (SELECT id FROM monitoring_alert WHERE patient = :p)",
            "DELETE FROM monitoring_notice WHERE alert IN (SELECT id FROM monitoring_alert WHERE patient = :p)",
            "DELETE FROM monitoring_alert WHERE patient = :p",
            "DELETE FROM monitoring_plan WHERE patient = :p"};

    private HealthDataErasure() {
    }

    public static void erase(Handle h, AccountId patient) {
        for (String sql : STATEMENTS) {
            h.createUpdate(sql).bind("p", patient.value()).execute();
        }
    }
}
