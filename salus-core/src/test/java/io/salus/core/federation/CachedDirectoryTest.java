package io.salus.core.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedDirectoryTest {
    /** A directory whose members the test changes, counting how often the list is read. */
    private static final class Registry implements MemberDirectory {
        final List<Member> members = new ArrayList<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public Optional<Member> member(EvmAddress node) {
            return members().stream().filter(m -> m.node().equals(node)).findFirst();
        }

        @Override
        public List<Member> members() {
            reads.incrementAndGet();
            return List.copyOf(members);
        }

        @Override
        public Optional<EvmAddress> homeOf(EvmAddress account) {
            return Optional.of(account);
        }
    }

    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-06T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static Member member(int i, boolean active) {
        byte[] a = new byte[20];
        a[19] = (byte) i;
        return new Member(EvmAddress.of(a), "Hospital " + i, "http://127.0.0.1:" + (9000 + i), new byte[32], active);
    }

    @Test
    void theListIsReadOncePerTtl_andARemovalCountsOnceItHasPassed() {
        Registry registry = new Registry();
        registry.members.add(member(1, true));
        MovingClock clock = new MovingClock();
        CachedDirectory cached = new CachedDirectory(registry, clock, Duration.ofSeconds(2));

        assertThat(cached.member(member(1, true).node())).hasValueSatisfying(m -> assertThat(m.active()).isTrue());
        registry.members.set(0, member(1, false));
        clock.now = clock.now.plusMillis(1_999);
        assertThat(cached.member(member(1, true).node()).orElseThrow().active()).isTrue();
        assertThat(registry.reads).hasValue(1);

        clock.now = clock.now.plusMillis(1);
        assertThat(cached.member(member(1, true).node()).orElseThrow().active()).isFalse();
        assertThat(registry.reads).hasValue(2);
    }

    @Test
    void aClockThatMovesBack_readsTheListAgain() {
        Registry registry = new Registry();
        MovingClock clock = new MovingClock();
        CachedDirectory cached = new CachedDirectory(registry, clock, Duration.ofSeconds(2));
        cached.members();
        clock.now = clock.now.minusSeconds(10);
        cached.members();
        assertThat(registry.reads).hasValue(2);
    }
}
