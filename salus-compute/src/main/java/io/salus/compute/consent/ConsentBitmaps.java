package io.salus.compute.consent;

import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

/**
 * One {@link RoaringBitmap} of patient ordinals per (category, attestation type, purpose). Not thread-safe (the index
 * guards it).
 */
final class ConsentBitmaps {
    private static final int TYPES = AttestationType.values().length;
    private static final int PURPOSES = Purpose.values().length;

    private final RoaringBitmap[] bitmaps = new RoaringBitmap[Category.values().length * TYPES * PURPOSES];

    ConsentBitmaps() {
        for (int i = 0; i < bitmaps.length; i++) {
            bitmaps[i] = new RoaringBitmap();
        }
    }

    boolean containsAny(int ordinal, int categoryBit, int types, int purposeBit) {
        for (int t = 0; types >>> t != 0; t++) {
            if ((types & (1 << t)) != 0 && bitmaps[key(categoryBit, t, purposeBit)].contains(ordinal)) {
                return true;
            }
        }
        return false;
    }

    RoaringBitmap union(int categoryBit, int types, int purposeBit) {
        RoaringBitmap result = new RoaringBitmap();
        for (int t = 0; types >>> t != 0; t++) {
            if ((types & (1 << t)) != 0) {
                result.or(bitmaps[key(categoryBit, t, purposeBit)]);
            }
        }
        return result;
    }

    /**
     * Sets the patient's bits to what their grants live at {@code (sec, block)} permit, for every key any of their
     * grants (or {@code gone}, a grant version just replaced or removed) touches.
     */
    void recompute(int ordinal, Standing[] grants, Standing gone, long sec, long block) {
        int cats = gone == null ? 0 : gone.categories();
        int types = gone == null ? 0 : gone.types();
        int purposes = gone == null ? 0 : gone.purposes();
        for (Standing g : grants) {
            cats |= g.categories();
            types |= g.types();
            purposes |= g.purposes();
        }
        for (int c = 0; cats >>> c != 0; c++) {
            for (int t = 0; (cats & (1 << c)) != 0 && types >>> t != 0; t++) {
                if ((types & (1 << t)) == 0) {
                    continue;
                }
                int live = livePurposes(grants, c, t, sec, block);
                for (int p = 0; purposes >>> p != 0; p++) {
                    if ((purposes & (1 << p)) != 0) {
                        RoaringBitmap b = bitmaps[key(c, t, p)];
                        if ((live & (1 << p)) != 0) {
                            b.add(ordinal);
                        } else {
                            b.remove(ordinal);
                        }
                    }
                }
            }
        }
    }

    /**
     * Adds the bits of patients that have none yet, in ascending ordinal order, through one appending writer per key
     * (bulk loads); {@link BulkLoad#finish} merges them in.
     */
    BulkLoad bulkLoad(long sec, long block) {
        return new BulkLoad(sec, block);
    }

    final class BulkLoad {
        private final long sec;
        private final long block;
        private final List<RoaringBitmapWriter<RoaringBitmap>> writers;

        private BulkLoad(long sec, long block) {
            this.sec = sec;
            this.block = block;
            this.writers = new ArrayList<>(Collections.nCopies(bitmaps.length, null));
        }

        void add(int ordinal, Standing[] grants) {
            for (Standing g : grants) {
                if (!g.liveAt(sec, block)) {
                    continue;
                }
                for (int c = 0; g.categories() >>> c != 0; c++) {
                    for (int t = 0; (g.categories() & (1 << c)) != 0 && g.types() >>> t != 0; t++) {
                        for (int p = 0; (g.types() & (1 << t)) != 0 && g.purposes() >>> p != 0; p++) {
                            if ((g.purposes() & (1 << p)) != 0) {
                                writer(key(c, t, p)).add(ordinal);
                            }
                        }
                    }
                }
            }
        }

        void finish() {
            for (int k = 0; k < writers.size(); k++) {
                if (writers.get(k) != null) {
                    bitmaps[k].or(writers.get(k).get());
                }
            }
        }

        private RoaringBitmapWriter<RoaringBitmap> writer(int key) {
            if (writers.get(key) == null) {
                writers.set(key, RoaringBitmapWriter.writer().constantMemory().get());
            }
            return writers.get(key);
        }
    }

    void clear() {
        for (RoaringBitmap b : bitmaps) {
            b.clear();
        }
    }

    void optimize() {
        for (RoaringBitmap b : bitmaps) {
            b.runOptimize();
        }
    }

    private static int livePurposes(Standing[] grants, int categoryBit, int typeBit, long sec, long block) {
        int live = 0;
        for (Standing g : grants) {
            if ((g.categories() & (1 << categoryBit)) != 0 && (g.types() & (1 << typeBit)) != 0
                    && g.liveAt(sec, block)) {
                live |= g.purposes();
            }
        }
        return live;
    }

    private static int key(int categoryBit, int typeBit, int purposeBit) {
        return (categoryBit * TYPES + typeBit) * PURPOSES + purposeBit;
    }
}
