package io.salus.testkit.contract;

import static io.salus.testkit.data.StoreFixtures.T0;
import static io.salus.testkit.data.StoreFixtures.newAccount;
import static io.salus.testkit.data.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountKind;
import io.salus.core.account.NewAccount;
import io.salus.core.outbox.OutboxEntry;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.AccountStore;
import io.salus.core.port.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Outbox}: a message written with its state is due from its creation, once per (kind, key),
 * oldest first, payload intact; a retry counts the attempt and hides it until its next attempt; completion removes it
 * from due and pending, idempotently. Messages are enqueued the way the product enqueues them, by a store writing
 * state: here {@link AccountStore#create}. An adapter is accepted when a subclass supplying it (with the account store
 * of the same database) passes.
 */
public abstract class OutboxContract {
    protected AccountStore accounts;
    protected Outbox outbox;

    /** The outbox under test, and the account store of the same database reading {@code clock}. */
    protected abstract AccountsWithOutbox stores(Clock clock);

    @BeforeEach
    void adapters() {
        AccountsWithOutbox s = stores(Clock.fixed(T0, ZoneOffset.UTC));
        accounts = s.accounts();
        outbox = s.outbox();
    }

    private OutboxEntry enqueue(OutboxMessage m) {
        NewAccount a = newAccount(AccountKind.PATIENT, T0);
        accounts.create(a, m);
        return find(m);
    }

    private OutboxEntry find(OutboxMessage m) {
        return outbox.due(m.kind(), 100_000, T0.plus(Duration.ofDays(1))).stream()
                .filter(e -> e.message().idempotencyKey().equals(m.idempotencyKey()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void enqueuedMessage_isDueFromItsCreation_withItsPayloadAndNoAttempts() {
        NewAccount a = newAccount(AccountKind.PATIENT, T0);
        accounts.create(a, registration(a));

        OutboxEntry e = find(registration(a));

        assertThat(e.message()).isEqualTo(registration(a));
        assertThat(e.attempts()).isZero();
        assertThat(e.createdAt()).isEqualTo(T0);
        assertThat(outbox.due(OutboxKinds.REGISTER_ACCOUNT, 100_000, T0.minusSeconds(1)))
                .noneSatisfy(x -> assertThat(x.id()).isEqualTo(e.id()));
    }

    @Test
    void enqueuingTheSameKindAndKeyTwice_keepsTheFirstMessage() {
        OutboxMessage m = new OutboxMessage("test-dup", "same", Map.of("n", "1"));
        long pendingBefore = outbox.pending("test-dup");

        OutboxEntry first = enqueue(m);
        enqueue(new OutboxMessage("test-dup", "same", Map.of("n", "2")));

        assertThat(outbox.pending("test-dup")).isEqualTo(pendingBefore + 1);
        assertThat(find(m)).isEqualTo(first);
        assertThat(find(m).message().payload()).containsEntry("n", "1");
    }

    @Test
    void retryLater_countsTheAttempt_andHidesTheMessageUntilItsNextAttempt() {
        OutboxEntry e = enqueue(new OutboxMessage("test-retry", "r1", Map.of()));

        outbox.retryLater(e.id(), "chain down", T0.plusSeconds(30));

        assertThat(outbox.due("test-retry", 10, T0.plusSeconds(29))).isEmpty();
        List<OutboxEntry> due = outbox.due("test-retry", 10, T0.plusSeconds(30));
        assertThat(due).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo(e.id());
            assertThat(x.attempts()).isEqualTo(1);
            assertThat(x.message().payload()).isEmpty();
        });
        assertThat(outbox.pending("test-retry")).isEqualTo(1);
    }

    @Test
    void complete_removesTheMessageFromDueAndPending_andIsIdempotent() {
        OutboxEntry e = enqueue(new OutboxMessage("test-done", "d1", Map.of("a", "b")));

        outbox.complete(e.id(), Map.of("txHash", "0x01"), T0);
        outbox.complete(e.id(), Map.of("txHash", "0x02"), T0);
        outbox.retryLater(e.id(), "late failure", T0);

        assertThat(outbox.due("test-done", 10, T0.plus(Duration.ofDays(1)))).isEmpty();
        assertThat(outbox.pending("test-done")).isZero();
    }

    @Test
    void completeAll_completesEveryPendingMessageOfTheBatch_andLeavesTheOthersPending() {
        OutboxEntry a = enqueue(new OutboxMessage("test-all", "a", Map.of()));
        OutboxEntry b = enqueue(new OutboxMessage("test-all", "b", Map.of()));
        OutboxEntry c = enqueue(new OutboxMessage("test-all", "c", Map.of()));
        outbox.complete(b.id(), Map.of("txHash", "0x01"), T0);

        outbox.completeAll(Map.of(a.id(), Map.of("txHash", "0x02"), b.id(), Map.of("txHash", "0x03")), T0);

        assertThat(outbox.due("test-all", 10, T0.plus(Duration.ofDays(1)))).containsExactly(c);
        assertThat(outbox.pending("test-all")).isEqualTo(1);
    }

    @Test
    void due_returnsOldestFirst_upToTheLimit() {
        OutboxEntry a = enqueue(new OutboxMessage("test-order", "1", Map.of()));
        OutboxEntry b = enqueue(new OutboxMessage("test-order", "2", Map.of()));
        enqueue(new OutboxMessage("test-order", "3", Map.of()));

        assertThat(outbox.due("test-order", 2, T0)).containsExactly(a, b);
    }

    @Test
    void payloadWithManyAndSpecialCharacters_roundTrips() {
        Map<String, String> payload = Map.of("quote", "say \"hi\"", "unicode", "Zoë ✓", "empty", "", "json",
                "{\"a\":[1,2]}", "newline", "a\nb");
        OutboxEntry e = enqueue(new OutboxMessage("test-payload", "p", payload));

        assertThat(e.message().payload()).isEqualTo(payload);
    }
}
