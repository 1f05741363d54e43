package io.salus.core.trial;

import java.util.Objects;

/**
 * A milestone a study declares when it is posted: a name the sponsor attests by (e.g. "baseline visit") and the fee
 * paid to an enrolled patient who reached it (token units, 6 decimals), once per patient. Its position in the study's
 * list is its index on chain.
 */
public record Milestone(String name, long fee) {
    /** The most milestones one study declares (the escrow's bound). */
    public static final int MAX = 10;
    public static final int MAX_NAME = 100;

    public Milestone {
        Objects.requireNonNull(name, "name");
    }
}
