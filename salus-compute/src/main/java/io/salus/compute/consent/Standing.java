package io.salus.compute.consent;

import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Grant;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;

/**
 * A standing grant (one naming no consumer) as the index keeps it: compact masks, the window in epoch seconds and the
 * revocation block ({@link Long#MAX_VALUE} when not revoked). Immutable.
 */
record Standing(long id, int ordinal, int categories, int types, int purposes, long fromSec, long untilSec,
        long revokedAtBlock) {

    static final int CATEGORY_MASK = (1 << Category.values().length) - 1;
    static final int TYPE_MASK = (1 << AttestationType.values().length) - 1;
    static final int PURPOSE_MASK = (1 << Purpose.values().length) - 1;

    static Standing of(Grant g, int ordinal, long revokedAtBlock) {
        return new Standing(g.id(), ordinal, (int) (g.terms().categories() & CATEGORY_MASK),
                g.terms().attestationTypes() & TYPE_MASK, g.terms().purposes() & PURPOSE_MASK,
                g.terms().validFrom().getEpochSecond(), g.terms().validUntil().getEpochSecond(), revokedAtBlock);
    }

    Standing revokedFrom(long block) {
        return new Standing(id, ordinal, categories, types, purposes, fromSec, untilSec,
                Math.min(block, revokedAtBlock));
    }

    /** In its window {@code [fromSec, untilSec)} at second {@code sec} and not revoked at {@code block}. */
    boolean liveAt(long sec, long block) {
        return fromSec <= sec && sec < untilSec && block < revokedAtBlock;
    }

    boolean permits(int categoryBit, int typesMask, int purposeBit, long sec, long block) {
        return (categories & (1 << categoryBit)) != 0 && (types & typesMask) != 0
                && (purposes & (1 << purposeBit)) != 0 && liveAt(sec, block);
    }

    /** {@code grants} with grant {@code id} replaced by {@code s} (added if absent; removed if {@code s} is null). */
    static Standing[] replaced(Standing[] grants, long id, Standing s) {
        int at = 0;
        while (at < grants.length && grants[at].id() != id) {
            at++;
        }
        if (s == null) {
            if (at == grants.length) {
                return grants.length == 0 ? null : grants;
            }
            Standing[] fewer = new Standing[grants.length - 1];
            System.arraycopy(grants, 0, fewer, 0, at);
            System.arraycopy(grants, at + 1, fewer, at, grants.length - at - 1);
            return fewer.length == 0 ? null : fewer;
        }
        Standing[] next = at < grants.length ? grants.clone() : java.util.Arrays.copyOf(grants, grants.length + 1);
        next[at] = s;
        return next;
    }
}
