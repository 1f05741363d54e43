package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.monitoring.AlertId;
import io.salus.core.monitoring.Recipient;
import io.salus.core.monitoring.Severity;
import java.time.Instant;

/**
 * Delivery of alert notifications outside the node (a webhook adapter in the node; none by default). A notification
 * names the alert, never its content: the receiver fetches the alert through the API as the recipient, where who may
 * read it is decided. Best effort: the alert is stored, escalates and is shown whether or not delivery succeeds.
 */
public interface AlertDelivery {
    /** No delivery outside the node. */
    AlertDelivery NONE = n -> {
    };

    /** One notification sent: to whom (address, role), at which escalation level, when. */
    record Notification(AlertId alert, AccountId patient, Severity severity, Instant raisedAt, EvmAddress recipient,
            Recipient.Role role, int level, Instant at) {
    }

    void deliver(Notification n);
}
