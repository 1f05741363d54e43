package io.salus.store;

import io.salus.core.account.AccountKind;
import io.salus.core.account.NewAccount;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Run in a child JVM by {@link EmbeddedPostgresEngineIT}: starts the engine on a directory, stores an account, prints
 * {@code READY <accountId>} and waits to be killed.
 */
public final class OrphanChild {
    private OrphanChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgresEngine engine = EmbeddedPostgresEngine.start(Path.of(args[0]));
        Database db = Database.embedded(engine);
        NewAccount a = EngineFixtures.newAccount(AccountKind.PATIENT, EngineFixtures.T0);
        new PostgresAccountStore(db.jdbi(), Clock.systemUTC()).create(a, EngineFixtures.registration(a));
        System.out.println("READY " + a.account().id());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
