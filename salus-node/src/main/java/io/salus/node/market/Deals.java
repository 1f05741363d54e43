package io.salus.node.market;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.anchor.TxRef;
import io.salus.core.cohort.Criterion;
import io.salus.core.consent.Purpose;
import io.salus.core.deal.DealState;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.Split;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.merkle.MerkleTree;
import io.salus.core.port.AccountStore;
import io.salus.core.port.DealLedger;
import io.salus.core.port.KeyManager;
import io.salus.core.record.Category;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.roaringbitmap.RoaringBitmap;

/**
 * Data deals, step by step: a consumer posts and funds a deal (escrow on chain); the node matches consenting patients
 * whose minimum price the deal meets and commits the cohort as a Merkle root of pseudonymous ids; then delivers (see
 * {@link Delivery}) and settles. Thread-safe per deal (steps of one deal are serialised).
 */
public final class Deals {
    private final Discovery discovery;
    private final PatientDirectory directory;
    private final PriceCheck prices;
    private final AccountStore accounts;
    private final KeyManager keys;
    private final DealLedger ledger;
    private final DealFiles files;
    private final Delivery delivery;
    private final SecureRandom random;
    private final Clock clock;

    public Deals(Discovery discovery, PatientDirectory directory, PriceCheck prices, AccountStore accounts,
            KeyManager keys, DealLedger ledger, DealFiles files, Delivery delivery, SecureRandom random, Clock clock) {
        this.discovery = discovery;
        this.directory = directory;
        this.prices = prices;
        this.accounts = accounts;
        this.keys = keys;
        this.ledger = ledger;
        this.files = files;
        this.delivery = delivery;
        this.random = random;
        this.clock = clock;
    }

    /** A consumer's offer, as asked through the API. */
    public record Offer(byte[] criteria, List<Category> categories, Purpose purpose, long pricePerPatient,
            int maxPatients, Instant deadline, Split split) {
    }

    public Result<DealRecord> post(Account consumer, Offer offer) {
        if (consumer.kind() != AccountKind.CONSUMER) {
            return Result.fail(ErrorCode.NOT_A_CONSUMER, "only consumer accounts post deals");
        }
        if (offer.categories().isEmpty()) {
            return Result.fail(Failure.of(ErrorCode.INVALID_REQUEST, "name at least one category", "categories"));
        }
        Result<Criterion> criterion = discovery.parse(offer.criteria());
        if (!criterion.isOk()) {
            return Result.fail(criterion.failure());
        }
        long mask = 0;
        for (Category c : offer.categories()) {
            mask |= c.mask();
        }
        DealTerms proposed = new DealTerms(Hashing.keccak256(offer.criteria()), mask, offer.purpose(),
                offer.pricePerPatient(), offer.maxPatients(), Instant.ofEpochSecond(offer.deadline().getEpochSecond()),
                offer.split());
        Result<DealTerms> terms = proposed.validate(clock.instant());
        if (!terms.isOk()) {
            return Result.fail(terms.failure());
        }
        byte[] id = new byte[32];
        random.nextBytes(id);
        Hash32 dealId = Hash32.of(id);
        Result<TxRef> posted = withKey(consumer, key -> ledger.post(dealId, terms.orElseThrow(), key));
        if (!posted.isOk()) {
            return Result.fail(posted.failure());
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        Split s = offer.split();
        DealRecord d = new DealRecord(dealId.hex(), consumer.id().toString(),
                new String(offer.criteria(), java.nio.charset.StandardCharsets.UTF_8),
                offer.categories().stream().map(Enum::name).toList(), offer.purpose().name(),
                offer.pricePerPatient(), offer.maxPatients(), offer.deadline().toString(),
                new int[]{s.patient(), s.providers(), s.caregiver(), s.daoTreasury(), s.operator()},
                HexFormat.of().formatHex(secret), "POSTED", List.of(), null, 0, List.of(posted.orElseThrow().txHash()));
        files.write(d);
        return Result.ok(d);
    }

    /** Matches consenting patients whose minimum price is met (up to maxPatients) and commits the cohort root. */
    public synchronized Result<DealRecord> match(Account actor, String dealId) {
        Result<DealRecord> found = mine(actor, dealId);
        if (!found.isOk()) {
            return found;
        }
        DealRecord d = found.orElseThrow();
        if (!"POSTED".equals(d.status())) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "deal " + dealId + " is " + d.status() + ", not POSTED");
        }
        Account consumer = accounts.find(io.salus.core.account.AccountId.parse(d.consumerId()).orElseThrow())
                .orElseThrow();
        List<Category> categories = d.categories().stream().map(Category::valueOf).toList();
        Purpose purpose = Purpose.valueOf(d.purpose());
        Result<RoaringBitmap> eligible = discovery.parse(d.criteria().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .flatMap(c -> discovery.eligible(consumer, c, categories, purpose));
        if (!eligible.isOk()) {
            return Result.fail(eligible.failure());
        }
        byte[] secret = HexFormat.of().parseHex(d.secretHex());
        List<DealRecord.Member> members = new ArrayList<>();
        for (int ordinal : eligible.orElseThrow().toArray()) {
            if (members.size() >= d.maxPatients()) {
                break;
            }
            Optional<Account> patient = directory.address(ordinal).flatMap(accounts::findByAddress);
            if (patient.isEmpty() || !prices.accepts(consumer, patient.get(), categories, purpose,
                    d.pricePerPatient())) {
                continue;
            }
            Hash32 pseudonym = Pseudonym.of(secret, d.dealId(), patient.get().address());
            members.add(new DealRecord.Member(patient.get().id().toString(), patient.get().address().hex(),
                    pseudonym.hex()));
        }
        if (members.isEmpty()) {
            return Result.fail(ErrorCode.INVALID_REQUEST,
                    "no consenting patient matches the criteria at this price; nothing was committed");
        }
        MerkleTree tree = MerkleTree.of(members.stream().map(m -> Hashing.keccak256(
                Hash32.fromHex(m.pseudonym()).bytes())).toList());
        Result<TxRef> committed = ledger.commitCohort(Hash32.fromHex(dealId), tree.root(), members.size());
        if (!committed.isOk()) {
            return Result.fail(committed.failure());
        }
        List<String> txs = new ArrayList<>(d.settlementTxs());
        txs.add(committed.orElseThrow().txHash());
        DealRecord matched = d.with("MATCHED", members, null, 0, txs);
        files.write(matched);
        return Result.ok(matched);
    }

    /** Delivers the de-identified, encrypted package to the matched patients who still consent, then settles. */
    public synchronized Result<DealRecord> deliver(Account actor, String dealId) {
        Result<DealRecord> found = mine(actor, dealId);
        if (!found.isOk()) {
            return found;
        }
        DealRecord d = found.orElseThrow();
        if (!"MATCHED".equals(d.status())) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "deal " + dealId + " is " + d.status() + ", not MATCHED");
        }
        Account consumer = accounts.find(io.salus.core.account.AccountId.parse(d.consumerId()).orElseThrow())
                .orElseThrow();
        return delivery.deliver(consumer, d, files).flatMap(done -> {
            files.write(done);
            return Result.ok(done);
        });
    }

    public Result<DealRecord> find(Account actor, String dealId) {
        return mine(actor, dealId);
    }

    public Optional<DealState> chainState(String dealId) {
        return ledger.deal(Hash32.fromHex(dealId));
    }

    public Result<byte[]> packageBytes(Account actor, String dealId) {
        return mine(actor, dealId).flatMap(d -> {
            try {
                return Result.ok(java.nio.file.Files.readAllBytes(files.packageFile(dealId)));
            } catch (java.io.IOException e) {
                return Result.fail(ErrorCode.NOT_FOUND, "deal " + dealId + " has no package yet");
            }
        });
    }

    public Result<TxRef> refund(Account actor, String dealId) {
        return mine(actor, dealId).flatMap(d -> ledger.refund(Hash32.fromHex(dealId)));
    }

    private Result<DealRecord> mine(Account actor, String dealId) {
        Optional<DealRecord> d = files.read(dealId == null ? "" : dealId.toLowerCase(java.util.Locale.ROOT));
        if (d.isEmpty() || !(d.get().consumerId().equals(actor.id().toString())
                || actor.kind() == AccountKind.OPERATOR)) {
            return Result.fail(ErrorCode.NOT_FOUND, "no deal " + dealId + " for this account");
        }
        return Result.ok(d.get());
    }

    private <T> Result<T> withKey(Account a, java.util.function.Function<byte[], Result<T>> use) {
        Optional<AccountStore.SealedKeys> sealed = accounts.sealedKeys(a.id());
        if (sealed.isEmpty()) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the node holds no key for this account");
        }
        return keys.unsealSigningKey(a.address(), sealed.get().signingPrivateKey()).flatMap(k -> {
            try {
                return use.apply(k);
            } finally {
                Arrays.fill(k, (byte) 0);
            }
        });
    }
}
