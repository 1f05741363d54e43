package io.salus.core.recovery;

import io.salus.core.account.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An alert about a recovery of a patient's key, addressed to the patient or to one of their guardians: every one of
 * them gets one when a recovery is opened, approved, completed or cancelled, so that nobody's key is taken over
 * without the patient and every guardian having been told (and the patient having had the waiting period to cancel).
 */
public record RecoveryAlert(UUID recovery, AccountId patient, AccountId recipient, Kind kind, Instant at,
        String text) {

    public enum Kind {
        RECOVERY_OPENED,
        RECOVERY_APPROVED,
        RECOVERY_COMPLETED,
        RECOVERY_CANCELLED
    }

    public RecoveryAlert {
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
    }

    /** The same alert for the patient and each guardian (each recipient once). */
    public static List<RecoveryAlert> toAll(UUID recovery, AccountId patient, List<AccountId> guardians, Kind kind,
            Instant at, String text) {
        return Stream.concat(Stream.of(patient), guardians.stream()).distinct()
                .map(r -> new RecoveryAlert(recovery, patient, r, kind, at, text)).toList();
    }
}
