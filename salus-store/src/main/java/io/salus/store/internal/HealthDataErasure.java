package io.salus.store.internal;

import io.salus.core.account.AccountId;
import org.jdbi.v3.core.Handle;

/**
 * Deletes, inside an erasure's transaction, what the health services keep about a patient outside sealed records:
 * their devices with their streams and batch rows (kinds and codes say what is measured), their monitoring plan and
 * state, alerts and notices (alerts carry values), risk-score history and credits. Stateless.
 */
public final class HealthDataErasure {
    private static final String[] STATEMENTS = {
            "DELETE FROM device_batch WHERE device IN (SELECT id FROM device WHERE patient = :p)",
            "DELETE FROM device_stream WHERE device IN (SELECT id FROM device WHERE patient = :p)",
            "DELETE FROM device WHERE patient = :p"};

    private HealthDataErasure() {
    }

    public static void erase(Handle h, AccountId patient) {
        for (String sql : STATEMENTS) {
            h.createUpdate(sql).bind("p", patient.value()).execute();
        }
    }
}
