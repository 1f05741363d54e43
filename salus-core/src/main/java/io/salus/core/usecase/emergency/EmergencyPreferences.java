package io.salus.core.usecase.emergency;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.emergency.EmergencyNotice;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.EmergencyStore;
import java.time.Clock;
import java.util.List;

/**
 * The patient's side of emergency access: opting out in advance (only the patient, with their own token: a
 * delegate cannot take this protection away or set it), and the notices of emergency accesses a recipient received.
 * Thread-safe.
 */
public final class EmergencyPreferences {
    private final EmergencyStore store;
    private final Clock clock;

    public EmergencyPreferences(EmergencyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Result<Boolean> optedOut(Account actor, AccountId patient) {
        if (!actor.id().equals(patient)) {
            return Result.fail(ErrorCode.EMERGENCY_PREFERENCE_FORBIDDEN, "only the patient reads their preference");
        }
        return Result.ok(store.optedOut(patient));
    }

    public Result<Boolean> setOptedOut(Account actor, AccountId patient, boolean optedOut) {
        if (!actor.id().equals(patient)) {
            return Result.fail(ErrorCode.EMERGENCY_PREFERENCE_FORBIDDEN, "only the patient sets their preference");
        }
        store.setOptedOut(patient, optedOut, clock.instant());
        return Result.ok(optedOut);
    }

    /** The notices addressed to the caller (as a patient or as a delegate), newest first. */
    public List<EmergencyNotice> notices(Account recipient, int limit) {
        return store.noticesFor(recipient.id(), limit);
    }
}
