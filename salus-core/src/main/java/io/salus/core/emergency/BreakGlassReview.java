package io.salus.core.emergency;

import io.salus.core.account.AccountId;
import java.time.Instant;

/** A reviewer's verdict on an emergency access after the fact: justified or not, with a note; seen by the patient. */
public record BreakGlassReview(AccountId reviewer, boolean justified, String note, Instant at) {
}
