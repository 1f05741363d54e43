package io.salus.core.emergency;

import io.salus.core.account.AccountId;
import io.salus.core.monitoring.Recipient;
import java.time.Instant;
import java.util.UUID;

/**
 * The notice of an emergency access to one recipient (the patient, or a delegate receiving their alerts), stored in
 * the same transaction as the access, before the profile is shown.
 */
public record EmergencyNotice(UUID access, AccountId recipient, Recipient.Role role, AccountId patient, Instant at,
        String text) {
}
