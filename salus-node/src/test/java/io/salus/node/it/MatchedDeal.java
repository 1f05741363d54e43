package io.salus.node.it;

import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A deal matched through the API on the shared node, for tests outside this package (the FHIR Group export): a
 * funded lab attested for research, 14 consenting patients (a released size well above the threshold at ε 4, see
 * {@link DealWorld}); {@link #settle()} delivers it, which settles it on chain.
 */
public final class MatchedDeal {
    private final DealWorld world;
    private final String dealId;
    private final List<SharedNode.Account> patients;

    private MatchedDeal(DealWorld world, String dealId, List<SharedNode.Account> patients) {
        this.world = world;
        this.dealId = dealId;
        this.patients = List.copyOf(patients);
    }

    public static MatchedDeal match(String name) {
        DealWorld world = new DealWorld(new Api(TestNodes.shared()), name);
        int base = DealWorld.freshBase();
        List<SharedNode.Account> cohort = world.cohort(name + " patient", base, 14, 100).stream()
                .map(a -> new SharedNode.Account(a.id(), a.token(), a.address())).toList();
        String dealId = world.postOk(DealWorld.deal(base, 20, Instant.now().plus(1, ChronoUnit.HOURS)));
        world.match(dealId, DealWorld.STRONG_EPSILON).then().statusCode(200).body("status", equalTo("MATCHED"));
        return new MatchedDeal(world, dealId, cohort);
    }

    /** Delivers the deal; the node settles it on chain, which releases the package's key. */
    public void settle() {
        world.deliver(dealId).then().statusCode(200).body("status", equalTo("SETTLED"))
                .body("chain.status", equalTo("SETTLED"));
    }

    public String dealId() {
        return dealId;
    }

    public SharedNode.Account lab() {
        return new SharedNode.Account(world.lab.id(), world.lab.token(), world.lab.address());
    }

    public List<SharedNode.Account> patients() {
        return patients;
    }
}
