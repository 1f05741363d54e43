package io.salus.compute.cohort;

import io.salus.compute.cohort.internal.BirthIndex;
import io.salus.compute.cohort.internal.DayWindow;
import io.salus.compute.cohort.internal.FeatureColumn;
import io.salus.compute.cohort.internal.Selection;
import io.salus.compute.cohort.internal.ValueRange;
import io.salus.compute.consent.RoaringPatientSet;
import io.salus.core.account.EvmAddress;
import io.salus.core.cohort.CohortSemantics;
import io.salus.core.cohort.Criterion;
import io.salus.core.cohort.Feature;
import io.salus.core.cohort.FeatureKind;
import io.salus.core.cohort.FeatureStore;
import io.salus.core.cohort.PatientFacts;
import io.salus.core.consent.PatientSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.roaringbitmap.FastAggregation;
import org.roaringbitmap.RoaringBitmap;

/**
 * The in-memory cohort index: patients by dense ordinal (shared with the consent index when built with its
 * {@code ordinal} function), one bitmap per (kind, system, code) of the patients having such a feature, and, per
 * (kind, system, code, unit), a column of (value, date) entries sorted by year and value with bucket bitmaps, so that
 * thresholds and date windows on the same feature are answered without a scan of the population; births in a sorted
 * column for ages, and one bitmap per sex. It answers {@link Criterion}s exactly as {@link CohortSemantics#matches}
 * does over the features and facts it was given; {@code Not} is relative to the patients it knows.
 *
 * <p>
 * Thread-safe, with a read-write lock: queries run concurrently; {@link #add}, {@link #putFacts} and rebuilds are
 * serialised. Results are new bitmaps the caller owns.
 */
public final class RoaringCohortIndex {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ToIntFunction<EvmAddress> ordinals;
    private final Map<Key, Columns> keys = new HashMap<>();
    private final Map<String, RoaringBitmap> sexes = new HashMap<>();
    private final BirthIndex births = new BirthIndex();
    private final RoaringBitmap universe = new RoaringBitmap();
    private boolean bulk;

    /** An index whose patients' ordinals are given by {@code ordinals} (e.g. {@code consentIndex::ordinal}). */
    public RoaringCohortIndex(ToIntFunction<EvmAddress> ordinals) {
        this.ordinals = ordinals;
    }

    /** An index assigning its own dense ordinals, from 0, on first sight of an address. */
    public static RoaringCohortIndex withOwnOrdinals() {
        Map<EvmAddress, Integer> own = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        return new RoaringCohortIndex(a -> own.computeIfAbsent(a, x -> next.getAndIncrement()));
    }

    /** An index loaded from a feature store (the ordinals as above), sealed for querying. */
    public static RoaringCohortIndex rebuild(FeatureStore store, ToIntFunction<EvmAddress> ordinals) {
        RoaringCohortIndex index = new RoaringCohortIndex(ordinals);
        index.bulkLoad(() -> {
            store.forEachFacts(f -> index.putFacts(f.address(), f.facts()));
            store.forEachFeature(f -> index.add(f.address(), List.of(f.feature())));
        });
        return index;
    }

    /**
     * Runs {@code load} (calls of {@link #add} and {@link #putFacts}) with the sorting of new entries deferred to one
     * {@link #seal} at the end: much faster for rebuilds; queries meanwhile are correct but scan the new entries.
     */
    public void bulkLoad(Runnable load) {
        write(() -> {
            bulk = true;
            return null;
        });
        try {
            load.run();
        } finally {
            write(() -> {
                bulk = false;
                return null;
            });
            seal();
        }
    }

    public int ordinal(EvmAddress patient) {
        return ordinals.applyAsInt(patient);
    }

    public void add(EvmAddress patient, Collection<Feature> features) {
        add(ordinal(patient), features);
    }

    /**
     * Adds features of a patient (who becomes known to the index even if there are none).
     *
     * @throws IllegalArgumentException for a date outside years 0000-9999 (nothing is added)
     */
    public void add(int patient, Collection<Feature> features) {
        features.forEach(f -> DayWindow.day(f.date()));
        write(() -> {
            universe.add(patient);
            for (Feature f : features) {
                Columns c = keys.computeIfAbsent(new Key(f.kind(), f.system(), f.code()), k -> new Columns());
                c.any.add(patient);
                c.byUnit.computeIfAbsent(f.unit().orElse(""), u -> new FeatureColumn())
                        .add(patient, f.value().orElse(Double.NaN), DayWindow.day(f.date()), bulk);
            }
            return null;
        });
    }

    public void putFacts(EvmAddress patient, PatientFacts facts) {
        putFacts(ordinal(patient), facts);
    }

    /**
     * Sets (or replaces) a patient's birth date and sex.
     *
     * @throws IllegalArgumentException for a birth date outside years 0000-9999 (nothing is changed)
     */
    public void putFacts(int patient, PatientFacts facts) {
        DayWindow.day(facts.birthDate());
        write(() -> {
            universe.add(patient);
            births.put(patient, DayWindow.day(facts.birthDate()), bulk);
            for (Map.Entry<String, RoaringBitmap> e : sexes.entrySet()) {
                if (!facts.sex().equals(Optional.of(e.getKey()))) {
                    e.getValue().remove(patient);
                }
            }
            facts.sex().ifPresent(s -> sexes.computeIfAbsent(s, x -> new RoaringBitmap()).add(patient));
            return null;
        });
    }

    /**
     * Forgets a patient entirely (erasure): drops them from every code bitmap, value/date column, the births, the sexes
     * and the known patients, so no query counts them and nothing derived from their records stays in memory. Columns
     * holding the patient are rebuilt (O(n log n) each); the others are untouched. Idempotent.
     */
    public void remove(int patient) {
        write(() -> {
            for (Columns c : keys.values()) {
                if (c.any.contains(patient)) {
                    c.any.remove(patient);
                    c.byUnit.values().forEach(col -> col.remove(patient));
                }
            }
            births.remove(patient);
            sexes.values().forEach(b -> b.remove(patient));
            universe.remove(patient);
            return null;
        });
    }

    /** Sorts every column's recent entries in and compacts the bitmaps: worth calling after a bulk load. */
    public void seal() {
        write(() -> {
            keys.values().forEach(c -> {
                c.byUnit.values().forEach(FeatureColumn::seal);
                c.any.runOptimize();
            });
            births.seal();
            sexes.values().forEach(RoaringBitmap::runOptimize);
            universe.runOptimize();
            return null;
        });
    }

    /** The patients matching {@code criterion}, ages taken at {@code at}: a new bitmap of ordinals. */
    public RoaringBitmap evaluate(Criterion criterion, LocalDate at) {
        lock.readLock().lock();
        try {
            return eval(criterion, at);
        } finally {
            lock.readLock().unlock();
        }
    }

    public PatientSet matching(Criterion criterion, LocalDate at) {
        return io.salus.compute.consent.RoaringPatientSet.owning(evaluate(criterion, at));
    }

    public long count(Criterion criterion, LocalDate at) {
        return evaluate(criterion, at).getLongCardinality();
    }

    /** How many patients of {@code within} (the consenting ones, say) match. */
    public long count(Criterion criterion, LocalDate at, PatientSet within) {
        RoaringBitmap w = switch (within) {
            case RoaringPatientSet r -> r.toBitmap();
            default -> RoaringBitmap.bitmapOf(within.toArray());
        };
        return RoaringBitmap.andCardinality(evaluate(criterion, at), w);
    }

    /** One partition of the code catalogue: a code of a kind in a system, in one unit ({@code ""} for none). */
    public record Partition(FeatureKind kind, String system, String code, String unit) {
    }

    /**
     * Every (kind, system, code, unit) with the patients holding it (new bitmaps the caller owns), in no particular
     * order: what the code catalogue counts.
     */
    public void forEachPartition(BiConsumer<Partition, RoaringBitmap> sink) {
        lock.readLock().lock();
        try {
            keys.forEach((k, c) -> c.byUnit.forEach((unit, col) -> {
                Selection s = new Selection();
                col.select(ValueRange.ALL, DayWindow.NONE, s);
                sink.accept(new Partition(k.kind(), k.system(), k.code(), unit), s.result());
            }));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Number of patients known to the index. */
    public long patients() {
        lock.readLock().lock();
        try {
            return universe.getLongCardinality();
        } finally {
            lock.readLock().unlock();
        }
    }

    private RoaringBitmap eval(Criterion c, LocalDate at) {
        return switch (c) {
            case Criterion.And and -> and(and.parts(), at);
            case Criterion.Or or -> FastAggregation.or(or.parts().stream().map(p -> eval(p, at)).iterator());
            case Criterion.Not not -> RoaringBitmap.andNot(universe, eval(not.part(), at));
            case Criterion.HasFeature has -> feature(has);
            case Criterion.AgeRange age -> births.select(age, at);
            case Criterion.Sex sex -> sexes.getOrDefault(sex.code(), new RoaringBitmap()).clone();
        };
    }

    private RoaringBitmap and(List<Criterion> parts, LocalDate at) {
        List<RoaringBitmap> positive = new ArrayList<>();
        List<RoaringBitmap> negative = new ArrayList<>();
        for (Criterion p : parts) {
            if (p instanceof Criterion.Not not) {
                negative.add(eval(not.part(), at));
            } else {
                positive.add(eval(p, at));
            }
        }
        RoaringBitmap out = positive.isEmpty() ? universe.clone() : FastAggregation.and(positive.iterator());
        for (RoaringBitmap n : negative) {
            out.andNot(n);
        }
        return out;
    }

    private RoaringBitmap feature(Criterion.HasFeature has) {
        Columns c = keys.get(new Key(has.kind(), has.system(), has.code()));
        if (c == null) {
            return new RoaringBitmap();
        }
        if (has.value().isEmpty() && has.window().isEmpty()) {
            return c.any.clone();
        }
        ValueRange range = has.value().map(ValueRange::of).orElse(ValueRange.ALL);
        DayWindow window = DayWindow.of(has.window());
        Selection s = new Selection();
        if (has.value().isPresent() && has.value().get().unit().isPresent()) {
            FeatureColumn col = c.byUnit.get(has.value().get().unit().get());
            if (col != null) {
                col.select(range, window, s);
            }
        } else {
            c.byUnit.values().forEach(col -> col.select(range, window, s));
        }
        return s.result();
    }

    private void write(Supplier<Void> work) {
        lock.writeLock().lock();
        try {
            work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private record Key(FeatureKind kind, String system, String code) {
    }

    private static final class Columns {
        final RoaringBitmap any = new RoaringBitmap();
        final Map<String, FeatureColumn> byUnit = new HashMap<>(2);
    }
}
