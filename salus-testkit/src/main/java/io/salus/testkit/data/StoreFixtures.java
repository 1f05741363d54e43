package io.salus.testkit.data;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.Did;
import io.salus.core.account.EvmAddress;
import io.salus.core.account.NewAccount;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.KeyManager.AccountKeys;
import io.salus.core.record.Category;
import io.salus.core.record.NewDeposit;
import io.salus.core.record.NewRecord;
import io.salus.core.record.Provenance;
import io.salus.core.record.RecordBinding;
import io.salus.core.record.RecordId;
import io.salus.core.record.SealedRecord;
import io.salus.crypto.KdfParameters;
import io.salus.crypto.TinkKekStore;
import io.salus.crypto.TinkKeyManager;
import io.salus.testkit.TempDirs;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Test data: accounts and deposits with random keys and ciphertexts. */
public final class StoreFixtures {
    public static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static TinkKeyManager keys;

    private StoreFixtures() {
    }

    public static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    public static Hash32 hash() {
        return Hash32.of(bytes(32));
    }

    public static NewAccount newAccount(AccountKind kind, Instant createdAt) {
        EvmAddress address = EvmAddress.of(bytes(20));
        Account account = new Account(AccountId.random(), kind, kind.name().toLowerCase() + " " + address,
                address, Did.pkh(31337, address), bytes(32), createdAt);
        AccountKeys keys = new AccountKeys(address, bytes(33), account.encryptionPublicKey(), bytes(60), bytes(60));
        return new NewAccount(account, keys, hash());
    }

    public static OutboxMessage registration(NewAccount a) {
        return new OutboxMessage(OutboxKinds.REGISTER_ACCOUNT, a.account().id().toString(),
                Map.of("accountId", a.account().id().toString(), "address", a.account().address().hex(), "kind",
                        a.account().kind().name()));
    }

    /**
     * The key manager of the store tests: a real one, over a KEK file in a temporary directory with cheap Argon2id
     * parameters (one per JVM).
     */
    public static synchronized TinkKeyManager keys() {
        if (keys == null) {
            Path file = TempDirs.create("salus-store-keys").resolve("kek.json");
            keys = new TinkKekStore(file, RANDOM, new KdfParameters(64, 1, 1))
                    .openOrCreate("store-tests".toCharArray()).orElseThrow();
        }
        return keys;
    }

    /** A record as the deposit service makes one: random ciphertext and wrapped keys, its salt sealed. */
    public static NewRecord newRecord(Category category, String resourceType) {
        RecordId id = RecordId.random();
        Hash32 salt = hash();
        return new NewRecord(id, category, resourceType, UUID.randomUUID().toString(),
                new SealedRecord(bytes(200), bytes(60), bytes(90)),
                keys().sealValue(salt.bytes(), RecordBinding.saltAssociatedData(id)), Hashing.recordLeaf(salt, hash()));
    }

    public static NewDeposit deposit(AccountId author, AccountId patient, int records, Optional<String> key,
            Instant at) {
        List<NewRecord> list = new ArrayList<>();
        Category[] categories = Category.values();
        for (int i = 0; i < records; i++) {
            list.add(newRecord(categories[i % categories.length], "Observation"));
        }
        return new NewDeposit(new Provenance(author, UUID.randomUUID(), "fhir-bundle", at), patient, key, hash(),
                list, Set.of("urn:mrn|" + patient, "urn:ssn|" + records));
    }

    public static OutboxMessage anchorRequest(NewDeposit d) {
        return new OutboxMessage(OutboxKinds.ANCHOR_DEPOSIT, d.provenance().depositId().toString(),
                Map.of("depositId", d.provenance().depositId().toString()));
    }

    public static Instant micros(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }
}
