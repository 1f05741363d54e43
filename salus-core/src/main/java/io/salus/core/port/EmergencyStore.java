package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.emergency.BreakGlassAccess;
import io.salus.core.emergency.BreakGlassReview;
import io.salus.core.emergency.EmergencyNotice;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Emergency (break-the-glass) access in PostgreSQL: the patients' advance opt-outs, every access with its review, and
 * the notices to the patient and their delegates. Justifications and notice texts are sealed at rest. A write that
 * cannot be made throws ({@link io.salus.core.error.SalusException}). Thread-safe.
 */
public interface EmergencyStore {

    boolean optedOut(AccountId patient);

    void setOptedOut(AccountId patient, boolean optedOut, Instant at);

    /** Stores the access and its notices in one transaction. */
    void open(BreakGlassAccess access, List<EmergencyNotice> notices);

    Optional<BreakGlassAccess> find(UUID access);

    /** The patient's emergency accesses, newest first. */
    List<BreakGlassAccess> forPatient(AccountId patient, int limit);

    /** Accesses no reviewer has looked at yet, oldest first. */
    List<BreakGlassAccess> unreviewed(int limit);

    /** Records the review; false if the access is unknown or was already reviewed (the first review stands). */
    boolean review(UUID access, BreakGlassReview review);

    /** The notices addressed to the recipient, newest first. */
    List<EmergencyNotice> noticesFor(AccountId recipient, int limit);
}
