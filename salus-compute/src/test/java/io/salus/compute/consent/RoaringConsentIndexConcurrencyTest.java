package io.salus.compute.consent;

import static io.salus.compute.consent.IndexModel.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Grant;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoaringConsentIndexConcurrencyTest {
    private static final int PATIENTS = 2_000;
    private static final int RESEARCHER = AttestationType.ACADEMIC_RESEARCHER.mask();
    private static final Instant AT = T0.plusSeconds(500);

    private static Grant research(int n) {
        return grant(n + 1, patient(n), Category.CONDITIONS.mask(), RESEARCHER, Purpose.HRESCH.mask(), T0,
                T0.plusSeconds(1000 + n), Optional.empty(), Optional.empty());
    }

    @Test
    void readersRunningDuringRevocations_seeConsistentAnswers() throws Exception {
        RoaringConsentIndex index = RoaringConsentIndex.of(IntStream.range(0, PATIENTS).mapToObj(
                RoaringConsentIndexConcurrencyTest::research), AT, 10);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> readers = new ArrayList<>();
            readers.add(pool.submit(() -> {
                boolean consistent = true;
                while (writing.get()) {
                    long before = index.permitted(Category.CONDITIONS, RESEARCHER, Purpose.HRESCH, AT, 50)
                            .cardinality();
                    consistent &= before == PATIENTS;
                    consistent &= index.permits(PATIENTS - 1, Category.CONDITIONS, RESEARCHER, Purpose.HRESCH, AT, 50);
                }
                return consistent;
            }));
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    boolean nonIncreasing = true;
                    long last = Long.MAX_VALUE;
                    while (writing.get()) {
                        long now = index.permitted(Category.CONDITIONS, RESEARCHER, Purpose.HRESCH,
                                AT.plusSeconds(1), 1_000_000).cardinality();
                        nonIncreasing &= now <= last;
                        last = now;
                    }
                    return nonIncreasing;
                }));
            }
            for (int n = 0; n < PATIENTS; n++) {
                index.revoke(n + 1, 100 + n);
                if (n % 100 == 0) {
                    index.advanceTo(AT.plusSeconds(1), 100 + n);
                }
            }
            writing.set(false);
            for (Future<Boolean> reader : readers) {
                assertThat(reader.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(index.permitted(Category.CONDITIONS, RESEARCHER, Purpose.HRESCH, AT, 100 + PATIENTS)
                .cardinality()).isZero();
        assertThat(index.permitted(Category.CONDITIONS, RESEARCHER, Purpose.HRESCH, AT, 99 + PATIENTS / 2)
                .cardinality()).isEqualTo(PATIENTS / 2);
    }
}
