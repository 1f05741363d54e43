package io.salus.store;

import static io.salus.testkit.data.StoreFixtures.T0;
import static io.salus.testkit.data.StoreFixtures.newAccount;
import static io.salus.testkit.data.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountKind;
import io.salus.core.account.NewAccount;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.SessionStore;
import io.salus.testkit.postgres.WithPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The API state two instances of a node share through one database (decision 0031): a rate limit's bucket is one
 * bucket whichever instance takes from it, and a portal session opened at one instance is found, touched and ended at
 * the other.
 */
@WithPostgres
class InstanceStateIT {
    @Test
    void aRateLimit_isOneBucketAcrossInstances(Database db) {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        String name = "sign-ins " + UUID.randomUUID();
        PostgresRateLimiter one = new PostgresRateLimiter(db.jdbi(), name, 3, Duration.ofMinutes(1), clock);
        PostgresRateLimiter two = new PostgresRateLimiter(db.jdbi(), name, 3, Duration.ofMinutes(1), clock);
        assertThat(one.tryAcquire("ip:10.0.0.1")).isEmpty();
        assertThat(two.tryAcquire("ip:10.0.0.1")).isEmpty();
        assertThat(one.tryAcquire("ip:10.0.0.1")).isEmpty();
        assertThat(two.tryAcquire("ip:10.0.0.1")).hasValueSatisfying(wait -> assertThat(wait)
                .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1).plusMillis(1)));
        assertThat(one.waitFor("ip:10.0.0.1")).isPresent();
        assertThat(two.tryAcquire("ip:10.0.0.2")).as("another key has its own bucket").isEmpty();
    }

    @Test
    void aRateLimit_refillsWithTime(Database db) {
        String name = "nonces " + UUID.randomUUID();
        PostgresRateLimiter at0 = new PostgresRateLimiter(db.jdbi(), name, 1, Duration.ofSeconds(10),
                Clock.fixed(T0, ZoneOffset.UTC));
        PostgresRateLimiter later = new PostgresRateLimiter(db.jdbi(), name, 1, Duration.ofSeconds(10),
                Clock.fixed(T0.plusSeconds(11), ZoneOffset.UTC));
        assertThat(at0.tryAcquire("acct:a")).isEmpty();
        assertThat(at0.tryAcquire("acct:a")).isPresent();
        assertThat(later.tryAcquire("acct:a")).isEmpty();
    }

    @Test
    void aSessionOpenedAtOneInstance_isFoundTouchedAndEndedAtTheOther(Database db) {
        NewAccount a = newAccount(AccountKind.PATIENT, T0);
        new PostgresAccountStore(db.jdbi(), Clock.fixed(T0, ZoneOffset.UTC)).create(a, registration(a));
        SessionStore one = new PostgresSessionStore(db.jdbi());
        SessionStore two = new PostgresSessionStore(db.jdbi());
        String idHash = "ab".repeat(32);
        Instant t = T0.plusSeconds(5);
        one.put(new SessionStore.Stored(idHash, a.account().id(), Hash32.of(new byte[32]), "csrf-token-0123456789",
                T0, T0));
        assertThat(two.find(idHash)).hasValueSatisfying(s -> assertThat(s.account()).isEqualTo(a.account().id()));
        two.touch(idHash, t);
        assertThat(one.find(idHash).orElseThrow().lastSeen()).isEqualTo(t);
        one.touch(idHash, T0);
        assertThat(two.find(idHash).orElseThrow().lastSeen()).as("never moved back").isEqualTo(t);
        two.removeIdleSince(T0.plusSeconds(1));
        assertThat(one.find(idHash)).as("used at t, not idle since t0+1").isPresent();
        two.remove(idHash);
        assertThat(one.find(idHash)).isEmpty();
    }
}
