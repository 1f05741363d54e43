package io.salus.node.demo;

import io.salus.core.account.Account;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.Purpose;
import io.salus.core.dao.Dao;
import io.salus.core.dao.DaoCharter;
import io.salus.core.dao.DaoGovernance;
import io.salus.core.dao.DaoTerms;
import io.salus.core.dao.PolicyChange;
import io.salus.core.dao.Proposal;
import io.salus.core.dao.Support;
import io.salus.core.deal.Deal;
import io.salus.core.deal.DealEvent;
import io.salus.core.deal.Role;
import io.salus.core.deal.Split;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hashing;
import io.salus.core.port.AttributeGateLedger;
import io.salus.core.record.Category;
import io.salus.core.usecase.dao.DaoService;
import io.salus.core.usecase.deal.DealPosting;
import io.salus.core.zk.AttributeProof;
import io.salus.core.zk.ScopePolicy;
import io.salus.node.wiring.Node;
import io.salus.zk.AttributeCodes;
import io.salus.zk.AttributeKind;
import io.salus.zk.AttributeProver;
import io.salus.zk.Claim;
import io.salus.zk.EdDsaPoseidon.PrivateKey;
import io.salus.zk.NodeProver;
import io.salus.zk.PatientSecret;
import io.salus.zk.Predicate;
import io.salus.zk.SignedAttribute;
import io.salus.zk.ZkArtifacts;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Optional;
import java.util.Set;

/**
 * The DAO story ({@code ./salus demo --dao}): the operator founds a patient data DAO for people with HbA1c ≥ 6.5 %;
 * the hospital signs each of three volunteers' HbA1c (EdDSA-Poseidon, key registered on chain); each volunteer proves
 * "HbA1c ≥ 6.5 %" in zero knowledge (the patient side, run here in the demo's process by snarkjs) and the node relays
 * the proof, which admits them through AttributeGate and mints a soulbound membership; the members vote
 * quadratically to raise the floor price; the proposal passes the timelock; the next deal at the old price no
 * longer matches them; a deal at the new floor does, and pays their treasury parts to the DAO's timelock. Local chain only (the zero-knowledge contracts are deployed on first use).
 */
final class DemoDao {
    static final AttributeKind HBA1C = AttributeKind.observation("http://loinc.org", "4548-4");
    static final Duration YEAR = Duration.ofDays(365);
    private static final int MEMBERS = 3;
    /** The deals' split: 5 % to the treasury part. */
    private static final Split SPLIT = Split.of(6000, 2000, 500, 500, 1000).orElseThrow();
    private final Node node;
    private final PrintStream out;
    private final SecureRandom random;

    DemoDao(Node node, PrintStream out) {
        this.node = node;
        this.out = out;
        this.random = node.random();
    }

    void run(Account lab, List<Account> volunteers) throws InterruptedException {
        AttributeGateLedger gate = node.attributeGate().orElseThrow(() -> new IllegalStateException("the DAO story "
                + "needs the local chain"));
        PrivateKey hospitalKey = PrivateKey.generate(random);
        gate.registerProviderKey(node.operator().address(), hospitalKey.publicKey().x(), hospitalKey.publicKey().y())
                .orElseThrow();
        BigInteger scope = gate.openScope(Hashing.keccak256(("demo-dao-hba1c|" + Instant.now()).getBytes(
                StandardCharsets.UTF_8)), new ScopePolicy(HBA1C.element(), BigInteger.valueOf(65),
                        AttributeCodes.MAX_VALUE, YEAR, 0))
                .orElseThrow();
        DaoService daos = node.daos();
        DaoTerms terms = DaoTerms.of(DemoDeal.PRICE, Set.of(AttestationType.ACADEMIC_RESEARCHER),
                Set.of(Purpose.HRESCH), 1_000, 300);
        Dao dao = daos.found(node.operator(), new DaoCharter("HbA1c >= 6.5 % patients (DEMO)", Optional.of(scope),
                terms, new DaoGovernance(Duration.ofSeconds(1), Duration.ofSeconds(8), MEMBERS, 100,
                        Duration.ofDays(30), Duration.ofSeconds(2))))
                .orElseThrow();
        out.printf("DAO                 founded '%s': soulbound membership %s, governor %s, treasury (timelock) %s;"
                + " floor %s tokens, treasury share >= %d %%%n", dao.name(), dao.contracts().membership(),
                dao.contracts().governor(), dao.contracts().treasury(), DemoDeal.tokens(terms.floorPrice()),
                terms.shareBps() / 100);
        List<Account> members = volunteers.subList(0, MEMBERS);
        long started = System.nanoTime();
        Result<TxRef> again;
        try (NodeProver prover = NodeProver.start(ZkArtifacts.inModule(Path.of(System.getProperty("salus.home", "."))
                .resolve("salus-zk")))) {
            AttributeProver patientSide = new AttributeProver(prover);
            PatientSecret first = null;
            for (Account m : members) {
                PatientSecret secret = PatientSecret.generate(random);
                first = first == null ? secret : first;
                daos.joinByProof(dao.id(), prove(patientSide, hospitalKey, secret, scope, m)).orElseThrow();
            }
            again = daos.joinByProof(dao.id(), prove(patientSide, hospitalKey, first, scope, volunteers.get(MEMBERS)));
        }
        out.printf("Members             %d volunteers admitted by zero-knowledge proofs of HbA1c >= 6.5 %% (proved on "
                + "the patient side and relayed in %.1f s; value, record and identity never on chain); the first "
                + "one's proof for a second address: %s%n", MEMBERS, (System.nanoTime() - started) / 1e9,
                again.isOk()
                        ? "ADMITTED (unexpected)"
                        : "refused " + again.failure().code().code()
                                + " (one membership per person)");
        Proposal raise = daos.propose(members.get(0), dao.id(), List.of(new PolicyChange.FloorPrice(
                DemoDeal.PRICE * 3 / 2)), "Raise the floor price to 1.50 tokens per patient").orElseThrow();
        mineAfter(Duration.ofSeconds(2));
        Result<TxRef> overspend = daos.vote(members.get(2), dao.id(), raise.id(), Support.AGAINST, 11);
        List<String> ballots = new ArrayList<>();
        long[] votes = {5, 4, 3};
        Support[] ways = {Support.FOR, Support.FOR, Support.AGAINST};
        for (int i = 0; i < MEMBERS; i++) {
            daos.vote(members.get(i), dao.id(), raise.id(), ways[i], votes[i]).orElseThrow();
            ballots.add(votes[i] + " " + ways[i] + " (" + votes[i] * votes[i] + " credits)");
        }
        out.printf("Quadratic vote      of 100 credits each: %s; 11 votes (121 credits): %s%n",
                String.join(", ", ballots), overspend.isOk()
                        ? "ACCEPTED (unexpected)"
                        : "refused "
                                + overspend.failure().code().code());
        mineAfter(Duration.ofSeconds(9));
        daos.queue(dao.id(), raise.id()).orElseThrow();
        mineAfter(Duration.ofSeconds(3));
        daos.execute(dao.id(), raise.id()).orElseThrow();
        DaoService.DaoView view = daos.find(dao.id()).orElseThrow();
        out.printf("Policy              proposal passed (for %d, against %d), waited out the timelock and executed: "
                + "the DAO's floor is now %s tokens per patient%n",
                daos.proposals(dao.id()).orElseThrow().get(0)
                        .tally().forVotes(),
                daos.proposals(dao.id()).orElseThrow().get(0).tally().against(),
                DemoDeal.tokens(view.terms().floorPrice()));
        nextDeal(lab, members);
        dealAtTheFloor(lab, members, dao, view.terms());
    }

    /** The hospital signs the patient's HbA1c (7.2 %, an hour ago); the patient proves HbA1c >= 6.5 % for an address. */
    private AttributeProof prove(AttributeProver patientSide, PrivateKey hospitalKey, PatientSecret secret,
            BigInteger scope, Account recipient) {
        long now = node.dealLedger().chainTime().getEpochSecond();
        SignedAttribute signed = SignedAttribute.issue(hospitalKey, secret.identity(), HBA1C, BigInteger.valueOf(72),
                now - 3_600);
        return patientSide.prove(signed, secret, new Claim(HBA1C, Predicate.atLeast(BigInteger.valueOf(65)),
                Claim.notBeforeFor(now, YEAR.toSeconds()), scope, recipient.address())).orElseThrow();
    }

    /** A deal at the old price, posted after the change: matched without the DAO's members. */
    private void nextDeal(Account lab, List<Account> members) {
        node.dealLedger().mint(lab.address(), DemoDeal.MAX_PATIENTS * DemoDeal.PRICE);
        long before = members.stream().mapToLong(m -> node.dealEarnings().of(m).claimable()).sum();
        Result<Deal> posted = node.dealPosting().post(lab, new DealPosting.Offer(
                "{\"age\":{\"min\":18}}".getBytes(StandardCharsets.UTF_8),
                List.of(Category.VITAL_SIGNS, Category.LAB_RESULTS), Purpose.HRESCH, DemoDeal.PRICE,
                DemoDeal.MAX_PATIENTS,
                Instant.now().plus(1, ChronoUnit.HOURS), Optional.of(SPLIT)));
        Result<String> outcome = posted.flatMap(d -> node.dealMatching().match(lab, d.id(), Optional.empty())
                .flatMap(m -> node.dealDelivery().deliver(lab, d.id())).map(d2 -> d2.delivered() + " patients"));
        long after = members.stream().mapToLong(m -> node.dealEarnings().of(m).claimable()).sum();
        out.printf("Next deal           at the old price (%s tokens): %s; the DAO's members earned %s tokens from "
                + "it (below their floor, they were left out of the cohort)%n", DemoDeal.tokens(DemoDeal.PRICE),
                outcome.isOk()
                        ? "delivered to " + outcome.orElseThrow()
                        : "not delivered ("
                                + outcome.failure().code().code() + " " + outcome.failure().detail() + ")",
                DemoDeal.tokens(after - before));
    }

    /**
     * A deal at the DAO's new floor, matched at the DAO's maximum ε: matched with its members, whose leaves name the
     * DAO's treasury, so the settlement
     * pays their treasury parts to the DAO's timelock (read back from the deal's Paid events) and the others' to the
     * default treasury.
     */
    private void dealAtTheFloor(Account lab, List<Account> members, Dao dao, DaoTerms terms) {
        long floor = terms.floorPrice();
        node.dealLedger().mint(lab.address(), DemoDeal.MAX_PATIENTS * floor);
        long before = members.stream().mapToLong(m -> node.dealEarnings().of(m).claimable()).sum();
        Result<Deal> delivered = node.dealPosting().post(lab, new DealPosting.Offer(
                "{\"age\":{\"min\":18}}".getBytes(StandardCharsets.UTF_8),
                List.of(Category.VITAL_SIGNS, Category.LAB_RESULTS), Purpose.HRESCH, floor, DemoDeal.MAX_PATIENTS,
                Instant.now().plus(1, ChronoUnit.HOURS), Optional.of(SPLIT)))
                .flatMap(d -> node.dealMatching().match(lab, d.id(), Optional.of(terms.maxEpsilon()))
                        .flatMap(m -> node.dealDelivery().deliver(lab, d.id())));
        if (!delivered.isOk()) {
            out.printf("Deal at the floor   (%s tokens): not delivered (%s %s)%n", DemoDeal.tokens(floor),
                    delivered.failure().code().code(), delivered.failure().detail());
            return;
        }
        Deal d = delivered.orElseThrow();
        long earned = members.stream().mapToLong(m -> node.dealEarnings().of(m).claimable()).sum() - before;
        LongSummaryStatistics blocks = d.txs().stream().filter(t -> t.kind().equals("settle"))
                .mapToLong(Deal.DealTx::block).summaryStatistics();
        EvmAddress treasury = dao.contracts().treasury();
        List<DealEvent.Paid> toDao = node.dealLedger().events(blocks.getMin(), blocks.getMax()).stream()
                .filter(e -> e instanceof DealEvent.Paid p && p.dealId().equals(d.id())
                        && p.role() == Role.DAO_TREASURY)
                .map(DealEvent.Paid.class::cast).toList();
        long toTreasury = toDao.stream().filter(p -> p.payee().equals(treasury)).mapToLong(DealEvent.Paid::amount)
                .sum();
        long toDefault = toDao.stream().filter(p -> !p.payee().equals(treasury)).mapToLong(DealEvent.Paid::amount)
                .sum();
        out.printf("Deal at the floor   (%s tokens): delivered to %d patients; the DAO's %d members earned %s tokens "
                + "from it%n", DemoDeal.tokens(floor), d.delivered(), members.size(), DemoDeal.tokens(earned));
        out.printf("DAO treasury        %s tokens at its timelock %s: %s tokens paid to it by deal %s's settlement "
                + "(the treasury parts, %d %% of %s tokens, of the %d members whose leaves name the DAO's treasury, "
                + "registered in DataDeals at founding); the other patients' %s tokens went to the default treasury"
                + "%n", DemoDeal.tokens(node.daos().find(dao.id()).orElseThrow().treasury()), treasury,
                DemoDeal.tokens(toTreasury), d.id(), SPLIT.daoTreasury() / 100, DemoDeal.tokens(floor),
                toTreasury / (floor * SPLIT.daoTreasury() / 10_000), DemoDeal.tokens(toDefault));
    }

    /** Waits (the governor's clock is the chain's time) and mines a block so the chain's clock shows it. */
    private void mineAfter(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
        try {
            node.ledger().access().rpc().raw("evm_mine", List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
