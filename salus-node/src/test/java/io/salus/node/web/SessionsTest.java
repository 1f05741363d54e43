package io.salus.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Sessions sessions = new Sessions(clock, Duration.ofMinutes(15), new SecureRandom());

    @Test
    void aSessionUsedWithinTheIdleTimeout_staysAlive() {
        Sessions.Opened s = sessions.open(AccountId.random(), io.salus.core.account.ApiToken.hash("salus_test"));
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(14));
            assertThat(sessions.use(s.id())).isPresent();
        }
    }

    @Test
    void aSessionIdleForTheTimeout_isGone() {
        Sessions.Opened s = sessions.open(AccountId.random(), io.salus.core.account.ApiToken.hash("salus_test"));
        clock.advance(Duration.ofMinutes(15));
        assertThat(sessions.use(s.id())).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void onlyTheHashOfTheIdIsKept_andIdsAndTokensAre256RandomBits() {
        Sessions.Opened a = sessions.open(AccountId.random(), io.salus.core.account.ApiToken.hash("salus_test"));
        Sessions.Opened b = sessions.open(AccountId.random(), io.salus.core.account.ApiToken.hash("salus_test"));
        assertThat(a.session().idHash()).isEqualTo(Sessions.hash(a.id())).doesNotContain(a.id());
        assertThat(a.id()).hasSize(43).isNotEqualTo(b.id());
        assertThat(a.session().csrfToken()).hasSize(43).isNotEqualTo(a.id()).isNotEqualTo(b.session().csrfToken());
    }

    @Test
    void anEndedSession_cannotBeUsed() {
        Sessions.Opened s = sessions.open(AccountId.random(), io.salus.core.account.ApiToken.hash("salus_test"));
        sessions.end(s.id());
        assertThat(sessions.use(s.id())).isEmpty();
    }

    @Test
    void tokensAreComparedExactly() {
        assertThat(Sessions.sameToken("abc", "abc")).isTrue();
        assertThat(Sessions.sameToken("abc", "abd")).isFalse();
        assertThat(Sessions.sameToken("abc", null)).isFalse();
        assertThat(Sessions.sameToken("abc", "")).isFalse();
    }
}
