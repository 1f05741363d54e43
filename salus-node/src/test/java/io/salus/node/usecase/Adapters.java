package io.salus.node.usecase;

import io.salus.chain.consent.EvmSigner;
import io.salus.compute.consent.RoaringConsentIndex;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.ConsentPolicy;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.consent.AttestationService;
import io.salus.core.usecase.consent.ConsentRelay;
import io.salus.core.usecase.consent.ConsentService;
import io.salus.core.usecase.consent.ConsentSync;
import io.salus.core.usecase.consent.CustodialSigner;
import io.salus.core.usecase.consent.DecisionPoint;
import io.salus.crypto.KdfParameters;
import io.salus.crypto.TinkKekStore;
import io.salus.crypto.TinkKeyManager;
import io.salus.store.Database;
import io.salus.store.PostgresAccountStore;
import io.salus.store.PostgresConsentStore;
import io.salus.store.PostgresOrganisations;
import io.salus.store.PostgresOutbox;
import io.salus.store.PostgresRecordStore;
import io.salus.testkit.chain.TestChain;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The real adapters a use case is built from in these tests, as the composition root builds them: the kit's
 * PostgreSQL database of the test class and the shared chain, a key manager on a KEK of its own (cheap Argon2id
 * parameters, the same file format), accounts opened through {@link AccountService}. No HTTP, no node.
 */
final class Adapters {
    private static final KdfParameters FAST_KDF = new KdfParameters(64, 1, 1);
    final Clock clock = Clock.systemUTC();
    final SecureRandom random = new SecureRandom();
    final Database db;
    final TestChain chain;
    final TinkKeyManager keys;
    final PostgresAccountStore accounts;
    final PostgresRecordStore records;
    final PostgresOutbox outbox;
    final PostgresConsentStore consents;
    final AccountService accountService;

    Adapters(Database db, TestChain chain, Path dir) {
        this.db = db;
        this.chain = chain;
        this.keys = new TinkKekStore(dir.resolve("keys").resolve("kek.json"), random, FAST_KDF)
                .openOrCreate("use-case tests".toCharArray()).orElseThrow();
        this.accounts = new PostgresAccountStore(db.jdbi(), clock);
        this.records = new PostgresRecordStore(db.jdbi(), clock, keys);
        this.outbox = new PostgresOutbox(db.jdbi());
        this.consents = new PostgresConsentStore(db.jdbi());
        this.accountService = new AccountService(accounts, keys, chain.chainId(), clock, random);
    }

    /** A new account of the kind, opened the product's way (keys sealed under the KEK, registration enqueued). */
    Account open(AccountKind kind, String name) {
        return accountService.open(kind, name).orElseThrow().account();
    }

    /** Consent projections synced from the chain, started as the node starts them. */
    ConsentSync consentSync() {
        ConsentSync sync = new ConsentSync(chain.consent(), consents, new RoaringConsentIndex(clock.instant(), 0));
        sync.start();
        return sync;
    }

    /** Signs consent instructions with the keys the node holds for custodial accounts. */
    CustodialSigner custodialSigner() {
        return new CustodialSigner(accounts, keys, new EvmSigner()::sign, chain.consent(), clock);
    }

    /**
     * The consent use cases on one sync, as the node wires them: patients' instructions go through a relay that
     * batches them (close it after the class).
     */
    Consent consent() {
        ConsentSync sync = consentSync();
        ConsentRelay relay = new ConsentRelay(chain.consent(), sync, 50);
        CustodialSigner signer = new CustodialSigner(accounts, keys, new EvmSigner()::sign, relay, clock);
        return new Consent(sync, relay, new ConsentService(accounts, signer, relay, consents, sync,
                new PostgresOrganisations(db.jdbi()), clock),
                new AttestationService(signer, chain.consent(), consents, sync),
                new DecisionPoint(sync, consents, new ConsentPolicy()));
    }

    record Consent(ConsentSync sync, ConsentRelay relay, ConsentService service, AttestationService attestations,
            DecisionPoint decisionPoint) implements AutoCloseable {
        @Override
        public void close() {
            relay.close();
        }
    }

    /** An ISSUER account the chain trusts for {@code types} (the operator trusts it through the relayer). */
    Account trustedIssuer(Consent c, int types) {
        Account issuer = open(AccountKind.ISSUER, "Ethics board");
        c.attestations().trust(open(AccountKind.OPERATOR, "Operator"), issuer, types).orElseThrow();
        return issuer;
    }
}
