package io.salus.store;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.Did;
import io.salus.core.account.EvmAddress;
import io.salus.core.account.NewAccount;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.KeyManager.AccountKeys;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;

/**
 * An account to store, for the engine's own tests (start, restart, orphans). The adapters' tests run in salus-testkit
 * with its builders, which this module cannot depend on.
 */
final class EngineFixtures {
    static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    private EngineFixtures() {
    }

    static NewAccount newAccount(AccountKind kind, Instant createdAt) {
        EvmAddress address = EvmAddress.of(bytes(20));
        Account account = new Account(AccountId.random(), kind, "engine test " + address, address,
                Did.pkh(31337, address), bytes(32), createdAt);
        return new NewAccount(account, new AccountKeys(address, bytes(33), account.encryptionPublicKey(), bytes(60),
                bytes(60)), Hash32.of(bytes(32)));
    }

    static OutboxMessage registration(NewAccount a) {
        return new OutboxMessage(OutboxKinds.REGISTER_ACCOUNT, a.account().id().toString(),
                Map.of("accountId", a.account().id().toString()));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
