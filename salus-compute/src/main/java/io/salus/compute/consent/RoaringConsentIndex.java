package io.salus.compute.consent;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.DelegatedGrants;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.Grant;
import io.salus.core.consent.PatientSet;
import io.salus.core.consent.Purpose;
import io.salus.core.port.ConsentIndex;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.roaringbitmap.RoaringBitmap;

/**
 * The bulk consent index: one {@link RoaringBitmap} per (category, attestation type, purpose) of the patient ordinals
 * whose standing grants (grants naming no consumer) permit it <em>now</em>, "now" being the index's cursor (a time and
 * a block). A grant permits by the rules of step 3 of {@link io.salus.core.consent.ConsentPolicy}: type mask
 * intersects, purpose and category covered, not revoked at the block, and the time in {@code [validFrom, validUntil)}.
 *
 * <p>
 * <b>Time and blocks.</b> Window boundaries (validFrom, validUntil, in whole seconds) after the cursor wait in a min-heap;
 * so do revocations whose block is after the cursor block. A query at {@code (at, block)} first advances the cursor:
 * every boundary {@code <= at} and every revocation {@code <= block} is popped and its patient recomputed from their grant
 * list. The bits are exact for every time from the latest boundary already passed ({@code timeFloor}) to the next one,
 * and every block from the latest applied revocation ({@code blockFloor}) to the next pending one. A query before a
 * floor (a thread that read the clock a moment before another, or a look back) is answered by recomputation from the
 * grant lists: one patient for {@link #permits}, a scan of all patients for {@link #permitted} (exact, O(grants)); it
 * does not move the cursor.
 *
 * <p>
 * <b>Revocations.</b> The index reflects the revocations it has been told about ({@link #revoke}, or {@link #put} of a
 * grant carrying its revocation block); a revocation takes effect for queries at its block or later. Revocations are
 * sticky: a re-put of a grant never un-revokes it (the chain has no un-revoke), and a revocation that arrives before
 * its grant is kept for it. Delegates' grants count as {@link DelegatedGrants} says ({@link #delegationSet}). The
 * decision point must make sure the index has seen the chain head before it releases
 * data; this class cannot know the head.
 *
 * <p>
 * <b>Thread-safety.</b> Thread-safe, with a {@link ReentrantReadWriteLock}: queries run concurrently under the read
 * lock; writes, and the rare query that must advance the cursor, take the write lock. Ordinals are assigned lock-free
 * (densely, from 0, on first sight) and stay stable across {@link #clear}. Returned {@link PatientSet}s are immutable
 * snapshots.
 */
public final class RoaringConsentIndex implements ConsentIndex {
    private static final Standing[] NONE = {};

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ConcurrentHashMap<EvmAddress, Integer> ordinals = new ConcurrentHashMap<>();
    private final AtomicInteger nextOrdinal = new AtomicInteger();
    private final ConsentBitmaps bits = new ConsentBitmaps();
    private final Map<Long, Standing> byId = new HashMap<>();
    private final Map<Long, Long> earlyRevocations = new HashMap<>();
    private final DelegatedStandings delegated = new DelegatedStandings();
    private final BoundaryQueue times = new BoundaryQueue();
    private final BoundaryQueue blocks = new BoundaryQueue();
    private Standing[][] byPatient = new Standing[1024][];
    private long cursorSec;
    private long cursorBlock;
    private long timeFloor = Long.MIN_VALUE;
    private long blockFloor = Long.MIN_VALUE;

    /** An empty index whose cursor starts at {@code at} and {@code block}. */
    public RoaringConsentIndex(Instant at, long block) {
        this.cursorSec = at.getEpochSecond();
        this.cursorBlock = block;
    }

    /** An index with {@code grants} put, its cursor at {@code at} and {@code block} (for rebuilds and benchmarks). */
    public static RoaringConsentIndex of(Stream<Grant> grants, Instant at, long block) {
        RoaringConsentIndex index = new RoaringConsentIndex(at, block);
        index.putAll(grants);
        index.optimize();
        return index;
    }

    /** Compacts the bitmaps (run-length containers where they pay); worth calling after a bulk load. */
    public void optimize() {
        lock.writeLock().lock();
        try {
            bits.optimize();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void put(Grant grant) {
        lock.writeLock().lock();
        try {
            if (DelegatedGrants.delegateSigned(grant)) {
                restate(delegated.put(grant, Optional.ofNullable(earlyRevocations.remove(grant.id()))));
            } else {
                recompute(store(grant), null);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void delegationSet(Delegation delegation) {
        lock.writeLock().lock();
        try {
            delegated.delegationSet(delegation).forEach(this::restate);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Puts a delegate's grant as it counts now, replacing the earlier version (a delegation's effect is not sticky). */
    private void restate(Grant effective) {
        int ordinal = ordinal(effective.terms().patient());
        Standing old = byId.remove(effective.id());
        if (effective.terms().namedConsumer().isEmpty()) {
            Standing fresh = Standing.of(effective, ordinal, effective.revokedAtBlock().orElse(Long.MAX_VALUE));
            byId.put(fresh.id(), fresh);
            replace(ordinal, fresh.id(), fresh);
            schedule(fresh);
        } else if (old != null) {
            replace(ordinal, old.id(), null);
        }
        recompute(ordinal, old);
    }

    /** Puts every grant under one write lock, recomputing each touched patient once (for rebuilds). */
    public void putAll(Stream<Grant> grants) {
        lock.writeLock().lock();
        try {
            RoaringBitmap touched = new RoaringBitmap();
            RoaringBitmap hadGrants = new RoaringBitmap();
            grants.forEachOrdered(g -> {
                if (DelegatedGrants.delegateSigned(g)) {
                    restate(delegated.put(g, Optional.ofNullable(earlyRevocations.remove(g.id()))));
                    return;
                }
                OptionalInt known = ordinalIfKnown(g.terms().patient());
                if (known.isPresent() && !touched.contains(known.getAsInt()) && grantsOf(known.getAsInt()).length > 0) {
                    hadGrants.add(known.getAsInt());
                }
                touched.add(store(g));
            });
            ConsentBitmaps.BulkLoad load = bits.bulkLoad(cursorSec, cursorBlock);
            touched.forEach((int o) -> {
                if (hadGrants.contains(o)) {
                    recompute(o, null);
                } else {
                    load.add(o, grantsOf(o));
                }
            });
            load.finish();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Records the grant (replacing an earlier version, keeping the earliest revocation known) and schedules its
     * boundaries; recomputes the patient of a replaced version. Returns the patient's ordinal, still to recompute.
     */
    private int store(Grant grant) {
        int ordinal = ordinal(grant.terms().patient());
        Standing old = byId.remove(grant.id());
        long revokedAt = Math.min(grant.revokedAtBlock().orElse(Long.MAX_VALUE),
                old == null ? Long.MAX_VALUE : old.revokedAtBlock());
        Long early = earlyRevocations.remove(grant.id());
        revokedAt = early == null ? revokedAt : Math.min(revokedAt, early);
        if (grant.terms().namedConsumer().isEmpty()) {
            Standing fresh = Standing.of(grant, ordinal, revokedAt);
            byId.put(fresh.id(), fresh);
            if (old != null && old.ordinal() != ordinal) {
                replace(old.ordinal(), old.id(), null);
            }
            replace(ordinal, fresh.id(), fresh);
            schedule(fresh);
        } else {
            if (old != null) {
                replace(old.ordinal(), old.id(), null);
            }
            if (revokedAt != Long.MAX_VALUE) {
                earlyRevocations.put(grant.id(), revokedAt);
            }
        }
        if (old != null) {
            recompute(old.ordinal(), old);
        }
        return ordinal;
    }

    @Override
    public void revoke(long grantId, long block) {
        lock.writeLock().lock();
        try {
            Standing old = byId.get(grantId);
            if (delegated.holds(grantId)) {
                restate(delegated.revoke(grantId, block));
            } else if (old == null) {
                earlyRevocations.merge(grantId, block, Math::min);
            } else {
                Standing revoked = old.revokedFrom(block);
                byId.put(grantId, revoked);
                replace(revoked.ordinal(), grantId, revoked);
                scheduleRevocation(revoked);
                recompute(revoked.ordinal(), null);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void clear() {
        lock.writeLock().lock();
        try {
            bits.clear();
            byId.clear();
            delegated.clear();
            earlyRevocations.clear();
            times.clear();
            blocks.clear();
            byPatient = new Standing[1024][];
            timeFloor = Long.MIN_VALUE;
            blockFloor = Long.MIN_VALUE;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public int ordinal(EvmAddress patient) {
        return ordinals.computeIfAbsent(patient, p -> nextOrdinal.getAndIncrement());
    }

    @Override
    public OptionalInt ordinalIfKnown(EvmAddress patient) {
        Integer o = ordinals.get(patient);
        return o == null ? OptionalInt.empty() : OptionalInt.of(o);
    }

    @Override
    public int patients() {
        return nextOrdinal.get();
    }

    /** Moves the cursor forward to {@code at} and {@code block} (the node may call it on each new block). */
    public void advanceTo(Instant at, long block) {
        lock.writeLock().lock();
        try {
            advance(at.getEpochSecond(), block);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public PatientSet permitted(Category category, int typesMask, Purpose purpose, Instant at, long block) {
        long sec = at.getEpochSecond();
        lock.readLock().lock();
        try {
            if (!mustAdvance(sec, block)) {
                return new RoaringPatientSet(union(category, typesMask, purpose, sec, block));
            }
        } finally {
            lock.readLock().unlock();
        }
        lock.writeLock().lock();
        try {
            advance(sec, block);
            return new RoaringPatientSet(union(category, typesMask, purpose, sec, block));
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean permits(int patientOrdinal, Category category, int typesMask, Purpose purpose, Instant at,
            long block) {
        long sec = at.getEpochSecond();
        lock.readLock().lock();
        try {
            if (!mustAdvance(sec, block)) {
                return contains(patientOrdinal, category, typesMask, purpose, sec, block);
            }
        } finally {
            lock.readLock().unlock();
        }
        lock.writeLock().lock();
        try {
            advance(sec, block);
            return contains(patientOrdinal, category, typesMask, purpose, sec, block);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private boolean mustAdvance(long sec, long block) {
        return sec >= times.peekKey() || block >= blocks.peekKey();
    }

    private boolean historical(long sec, long block) {
        return sec < timeFloor || block < blockFloor;
    }

    private boolean contains(int ordinal, Category category, int typesMask, Purpose purpose, long sec, long block) {
        if (ordinal < 0 || ordinal >= byPatient.length) {
            return false;
        }
        int types = typesMask & Standing.TYPE_MASK;
        if (historical(sec, block)) {
            return direct(ordinal, category.bit(), types, purpose.bit(), sec, block);
        }
        return bits.containsAny(ordinal, category.bit(), types, purpose.bit());
    }

    private RoaringBitmap union(Category category, int typesMask, Purpose purpose, long sec, long block) {
        int types = typesMask & Standing.TYPE_MASK;
        if (historical(sec, block)) {
            RoaringBitmap result = new RoaringBitmap();
            for (int o = 0; o < byPatient.length; o++) {
                if (direct(o, category.bit(), types, purpose.bit(), sec, block)) {
                    result.add(o);
                }
            }
            return result;
        }
        return bits.union(category.bit(), types, purpose.bit());
    }

    private boolean direct(int ordinal, int categoryBit, int types, int purposeBit, long sec, long block) {
        Standing[] grants = byPatient[ordinal];
        if (grants != null) {
            for (Standing g : grants) {
                if (g.permits(categoryBit, types, purposeBit, sec, block)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void advance(long sec, long block) {
        cursorSec = Math.max(cursorSec, sec);
        cursorBlock = Math.max(cursorBlock, block);
        while (times.peekKey() <= cursorSec) {
            timeFloor = Math.max(timeFloor, times.peekKey());
            recompute(times.pop(), null);
        }
        while (blocks.peekKey() <= cursorBlock) {
            blockFloor = Math.max(blockFloor, blocks.peekKey());
            recompute(blocks.pop(), null);
        }
    }

    private void schedule(Standing s) {
        for (long boundary : new long[]{s.fromSec(), s.untilSec()}) {
            if (boundary > cursorSec) {
                times.push(boundary, s.ordinal());
            } else {
                timeFloor = Math.max(timeFloor, boundary);
            }
        }
        scheduleRevocation(s);
    }

    private void scheduleRevocation(Standing s) {
        if (s.revokedAtBlock() == Long.MAX_VALUE) {
            return;
        }
        if (s.revokedAtBlock() > cursorBlock) {
            blocks.push(s.revokedAtBlock(), s.ordinal());
        } else {
            blockFloor = Math.max(blockFloor, s.revokedAtBlock());
        }
    }

    /** Replaces (or with {@code null} removes) grant {@code id} in the patient's list. */
    private void replace(int ordinal, long id, Standing s) {
        if (ordinal >= byPatient.length) {
            byPatient = Arrays.copyOf(byPatient, Math.max(ordinal + 1, byPatient.length * 2));
        }
        byPatient[ordinal] = Standing.replaced(byPatient[ordinal] == null ? NONE : byPatient[ordinal], id, s);
    }

    private void recompute(int ordinal, Standing gone) {
        bits.recompute(ordinal, grantsOf(ordinal), gone, cursorSec, cursorBlock);
    }

    private Standing[] grantsOf(int ordinal) {
        return ordinal < byPatient.length && byPatient[ordinal] != null ? byPatient[ordinal] : NONE;
    }
}
