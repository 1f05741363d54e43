package io.salus.core.usecase.trial;

import io.salus.core.account.Account;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.TrialStore;
import io.salus.core.trial.Study;

/**
 * A sponsor's own studies: any other caller (another sponsor, a patient) is told there is no such study, so that a
 * study's existence is not confirmed to them either. Stateless and thread-safe.
 */
final class SponsorStudies {
    private SponsorStudies() {
    }

    static Result<Study> own(TrialStore store, Account sponsor, Hash32 id) {
        return store.find(id).filter(s -> s.sponsor().equals(sponsor.id())).map(Result::ok)
                .orElseGet(() -> Result.fail(ErrorCode.TRIAL_NOT_FOUND, "no study " + id + " of this sponsor"));
    }

    /** The study's id from its hex form; {@code TRIAL_NOT_FOUND} if malformed. */
    static Result<Hash32> id(String hex) {
        try {
            return Result.ok(Hash32.fromHex(hex));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Result.fail(ErrorCode.TRIAL_NOT_FOUND, "a study id is 32 bytes in hex");
        }
    }
}
