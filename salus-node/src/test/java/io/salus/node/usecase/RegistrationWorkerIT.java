package io.salus.node.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.port.Ledger;
import io.salus.core.usecase.RegistrationWorker;
import io.salus.store.Database;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.postgres.WithPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RegistrationWorker} on the outbox in PostgreSQL and the IdentityRegistry: accounts opened are registered on
 * chain many per transaction, marked registered and their messages completed; a batch delivered again after a crash
 * (mined, not yet completed) registers nothing twice.
 */
@WithPostgres
@WithChain
class RegistrationWorkerIT {
    @TempDir
    static Path dir;
    static Adapters a;
    static TestChain chain;

    @BeforeAll
    static void start(Database db, TestChain testChain) {
        chain = testChain;
        a = new Adapters(db, chain, dir);
    }

    RegistrationWorker worker(int batchSize) {
        return new RegistrationWorker(a.accounts, a.outbox, chain.ledger(), a.clock,
                new RegistrationWorker.Settings(batchSize, Duration.ofMillis(10), Duration.ofSeconds(1)));
    }

    List<Account> open(int n, AccountKind kind) {
        worker(1000).runOnce();
        return IntStream.range(0, n).mapToObj(i -> a.open(kind, "Account " + i)).toList();
    }

    @Test
    void openedAccounts_areRegisteredOnChainInBatches_andTheirMessagesCompleted() {
        List<Account> opened = open(25, AccountKind.PATIENT);
        long sent = chain.nonceOf(chain.ledger().relayer());

        int registered = worker(10).runOnce();

        assertThat(registered).isEqualTo(25);
        assertThat(chain.nonceOf(chain.ledger().relayer())).as("three transactions of up to 10").isEqualTo(sent + 3);
        assertThat(opened).allSatisfy(acc -> {
            assertThat(a.accounts.isRegistered(acc.id())).isTrue();
            assertThat(chain.ledger().registeredKind(acc.address())).contains(AccountKind.PATIENT);
        });
        assertThat(a.outbox.pending(OutboxKinds.REGISTER_ACCOUNT)).isZero();
    }

    @Test
    void aBatchMinedBeforeACrash_isDeliveredAgainWithoutRegisteringTwice() {
        List<Account> opened = open(4, AccountKind.PHYSICIAN);
        var first = chain.ledger().registerAccounts(opened.stream()
                .map(acc -> new Ledger.Registration(acc.address(), AccountKind.PHYSICIAN)).toList());

        int registered = worker(10).runOnce();

        assertThat(registered).isEqualTo(4);
        assertThat(opened).allSatisfy(acc -> assertThat(a.accounts.isRegistered(acc.id())).isTrue());
        assertThat(first).allSatisfy(r -> assertThat(r.isOk()).isTrue());
        assertThat(chain.ledger().registerAccounts(List.of(new Ledger.Registration(opened.get(0).address(),
                AccountKind.PHYSICIAN)))).containsExactly(first.get(0));
    }
}
