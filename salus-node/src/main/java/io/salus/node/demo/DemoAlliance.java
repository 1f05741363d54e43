package io.salus.node.demo;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.consent.AttestationType;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Purpose;
import io.salus.core.federation.Member;
import io.salus.core.record.Category;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.federation.FederatedDiscovery;
import io.salus.node.config.NodeSettings;
import io.salus.node.config.Setting;
import io.salus.node.wiring.Alliance;
import io.salus.node.wiring.Node;
import io.salus.testkit.Fixtures;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./salus demo --nodes N}: N hospitals on one chain. Hospital A starts the local chain and founds the alliance
 * (its NodeRegistry; a one-second timelock, for the demo only); every other hospital starts from the chain's RPC URL
 * and the registry's address with its own data directory, PostgreSQL, KEK and relayer key, and is admitted through
 * the timelock. The fixture patients are split across the hospitals, each hospital also banks its research volunteers,
 * and a university lab of hospital A asks for a federated count: each hospital answers its own noisy count; then a
 * federated deal ({@link DemoFederatedDeal}) and a federated study ({@link DemoStudy}). Reused on
 * a second run (data directories under {@code <data dir>/alliance/}).
 */
public final class DemoAlliance implements AutoCloseable {
    /**
     * ε per organisation and period at every hospital of the alliance demo: one study at ε 8 (also the most one
     * query may spend there) and its match.
     */
    static final String BUDGET = "10";
    private final List<Node> nodes = Collections.synchronizedList(new ArrayList<>());
    private final PrintStream out;

    public DemoAlliance(PrintStream out) {
        this.out = out;
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** Starts the hospitals, banks their patients and prints the federated count; true if every member answered. */
    public boolean run(NodeSettings base, int count) throws InterruptedException {
        Path root = base.dataDir().resolve("alliance");
        int port = base.httpPort();
        for (int i = 0; i < count; i++) {
            Map<String, String> o = values(base);
            Path dir = root.resolve("hospital-" + letter(i));
            o.put(Setting.DATA_DIR.key(), dir.toString());
            o.put(Setting.HTTP_PORT.key(), Integer.toString(port == 0 ? 0 : port + i));
            o.put(Setting.FEDERATION_ORGANISATION.key(), "Hospital " + letter(i) + " (DEMO)");
            o.put(Setting.PRIVACY_BUDGET.key(), BUDGET);
            o.put(Setting.PRIVACY_MAX_QUERY_EPSILON.key(), DemoStudy.EPSILON);
            if (i == 0) {
                o.put(Setting.FEDERATION_ENABLED.key(), "true");
                o.put(Setting.DEAL_TIMELOCK_SECONDS.key(), "1");
            } else {
                Node founder = nodes.get(0);
                o.put(Setting.CHAIN_RPC_URL.key(), founder.localChain().orElseThrow().rpcUrl());
                o.put(Setting.CHAIN_ID.key(), Long.toString(founder.ledger().chainId()));
                o.put(Setting.FEDERATION_REGISTRY.key(), alliance(founder).registry().hex());
                o.put(Setting.RELAYER_KEY_FILE.key(), alliance(founder).relayerKeyFor(dir.resolveSibling(
                        dir.getFileName() + ".relayer-key")).toString());
            }
            out.println("== Hospital " + letter(i) + " ==");
            Node node = Node.start(NodeSettings.resolve(Map.of(), Map.of(), o), true, out);
            nodes.add(node);
            if (i > 0) {
                admit(node);
            }
        }
        return story();
    }

    private boolean story() throws InterruptedException {
        Node a = nodes.get(0);
        Account lab = ensure(a, "researcher", AccountKind.CONSUMER, "Demo university lab (DEMO)");
        Account board = ensure(a, "issuer", AccountKind.ISSUER, "Demo ethics board (DEMO)");
        a.attestations().trust(a.operator(), board, AttestationType.ACADEMIC_RESEARCHER.mask()).orElseThrow();
        Instant now = Instant.now();
        a.attestations().attest(board, new Payloads.Attest(lab.address(), AttestationType.ACADEMIC_RESEARCHER,
                Purpose.HRESCH.mask(), now.minusSeconds(60), now.plus(365, ChronoUnit.DAYS))).orElseThrow();
        a.privacyBudget().assign(lab.id(), "Demo university (DEMO)").orElseThrow();
        List<String> fixtures = Fixtures.syntheaBundles();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            Account hospital = ensure(n, "hospital", AccountKind.HOSPITAL, "Hospital " + letter(i) + " (DEMO)");
            int banked = 0;
            for (int f = i; f < fixtures.size(); f += nodes.size()) {
                Account p = ensure(n, "patient." + (f + 1), AccountKind.PATIENT, "Demo patient " + (f + 1)
                        + " (DEMO)");
                n.accounts().linkProvider(n.operator(), p.id(), hospital.id()).orElseThrow();
                n.deposits().deposit(new DepositService.Command(hospital, p.id(), Fixtures.bytes(fixtures.get(f)),
                        Optional.of("demo-" + fixtures.get(f)), "demo-fixture")).orElseThrow();
                consent(n, p, now);
                banked++;
            }
            List<Account> volunteers = new DemoCohort(n).ensure((role, kind, name) -> ensure(n, role, kind, name),
                    hospital, 100);
            out.printf("Hospital %s         %s: %d fixture patients and %d research volunteers banked%n", letter(i),
                    n.apiUrl(), banked, volunteers.size());
        }
        awaitHome(a, lab);
        byte[] criteria = "{\"age\":{\"min\":18}}".getBytes(StandardCharsets.UTF_8);
        var r = alliance(a).discovery().count(lab, criteria, List.of(Category.VITAL_SIGNS, Category.LAB_RESULTS),
                Purpose.HRESCH, "1.0");
        if (!r.isOk()) {
            out.println("Federated count     refused: " + r.failure().code().code() + " " + r.failure().detail());
            return false;
        }
        FederatedDiscovery.FederatedCount c = r.orElseThrow();
        out.println("Federated count     adults consenting to research on vital signs + lab results, asked by "
                + lab.displayName() + " at hospital A (epsilon 1.0 charged at each hospital):");
        for (FederatedDiscovery.MemberAnswer m : c.members()) {
            out.printf("  %-28s %s %-11s %s%n", m.organisation(), m.node(), m.status(),
                    m.count().map(x -> x.display()).orElse(m.detail()));
        }
        out.printf("  total               %d released%s%s%n", c.releasedSum(), c.suppressed() > 0
                ? " (+ " + c.suppressed() + " member(s) with fewer than 11)"
                : "", c.partial() ? "; PARTIAL: some member did not answer" : "; every member answered");
        boolean dealt = new DemoFederatedDeal(nodes(), out).run(board);
        boolean trained = new DemoStudy(nodes(), out).run(board);
        return !c.partial() && dealt && trained;
    }

    private void admit(Node joiner) {
        Alliance founder = alliance(nodes.get(0));
        Member candidate = alliance(joiner).candidate(joiner.apiUrl());
        boolean member = founder.members().stream().anyMatch(m -> m.node().equals(candidate.node()) && m.active());
        if (!member) {
            founder.admit(candidate);
        }
        out.println("Alliance: " + candidate.organisation() + " (" + candidate.node() + ") "
                + (member ? "is a member" : "admitted through the timelock"));
    }

    static void consent(Node n, Account p, Instant now) {
        var grants = n.consents().list(p, p.id());
        if (grants.isOk() && grants.orElseThrow().stream().anyMatch(g -> g.revokedAtBlock().isEmpty())) {
            return;
        }
        n.consents().grantCustodial(p, new GrantTerms(p.address(), Category.VITAL_SIGNS.mask()
                | Category.LAB_RESULTS.mask(), AttestationType.ACADEMIC_RESEARCHER.mask(), Purpose.HRESCH.mask(),
                now.minusSeconds(60), now.plus(365, ChronoUnit.DAYS), 100, Optional.empty())).orElseThrow();
    }

    static Account ensure(Node n, String role, AccountKind kind, String name) {
        DemoAccounts saved = DemoAccounts.load(n.settings().dataDir());
        Optional<DemoAccounts.Entry> known = saved.get(role).filter(e -> n.accounts().find(e.id()).isPresent());
        if (known.isPresent()) {
            return n.accounts().find(known.get().id()).orElseThrow();
        }
        AccountService.Opened opened = n.accounts().open(kind, name).orElseThrow();
        saved.put(role, new DemoAccounts.Entry(opened.account().id(), opened.apiToken()));
        return opened.account();
    }

    static void awaitHome(Node a, Account lab) throws InterruptedException {
        for (int i = 0; i < 600 && alliance(a).homeOf(lab.address()).isEmpty(); i++) {
            Thread.sleep(100);
        }
    }

    private static Alliance alliance(Node n) {
        return n.alliance().orElseThrow();
    }

    private static String letter(int i) {
        return String.valueOf((char) ('A' + i));
    }

    private static Map<String, String> values(NodeSettings s) {
        Map<String, String> m = new HashMap<>();
        for (Setting k : Setting.values()) {
            m.put(k.key(), s.get(k));
        }
        return m;
    }

    /** Closes the hospitals, joiners first (hospital A's anvil serves them); closing twice does nothing. */
    @Override
    public synchronized void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }
}
