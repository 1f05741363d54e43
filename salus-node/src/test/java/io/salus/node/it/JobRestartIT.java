package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import io.salus.node.wiring.Node;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node stopped while a job runs, on a node of its own: the running job (a module that never ends, with a deadline
 * longer than the stop takes) is cut short and is not lost, it is FAILED with {@code SALUS-1725} at the next start,
 * visibly and with its transitions; a job approved but not yet started is resumed by the restarted node and released.
 */
class JobRestartIT {
    @TempDir
    Path dir;

    @Test
    void aJobRunningWhenTheNodeStops_failsVisiblyAtTheNextStart_andAnApprovedOneIsResumedAndReleased()
            throws Exception {
        String running;
        String waiting;
        DealWorld world;
        try (Node node = TestNodes.start(dir)) {
            Api api = new Api(node);
            world = new DealWorld(api, "Restart compute");
            int base = DealWorld.freshBase();
            world.cohort("Restart compute patient", base, 14, 100);
            String first = world.postOk(DealWorld.deal(base, 20, Instant.now().plus(1, ChronoUnit.HOURS)));
            String second = world.postOk(DealWorld.deal(base, 20, Instant.now().plus(1, ChronoUnit.HOURS)));
            world.match(first, DealWorld.STRONG_EPSILON).then().statusCode(200);
            world.match(second, DealWorld.STRONG_EPSILON).then().statusCode(200);
            running = Jobs.submitApproved(api, world.lab, Map.of("deal", first, "algorithm", "wasm", "columns",
                    List.of("observation:8867-4"), "parameters", Map.of("outputs", "1", "low", "0", "high", "1",
                            "deadlineMs", "30000"),
                    "epsilon", "4", "module", Jobs.SPIN));
            Jobs.await(api, world.lab, running, List.of("RUNNING"));
            waiting = Jobs.submitApproved(api, world.lab, Map.of("deal", second, "algorithm", "mean", "columns",
                    List.of("observation:8867-4"), "parameters", Map.of("low", "0", "high", "10000000", "step",
                            "100"),
                    "epsilon", "4"));
        }
        try (Node node = TestNodes.start(dir)) {
            Api api = new Api(node);
            Response failed = Jobs.get(api, world.lab, "/jobs/" + running);
            failed.then().statusCode(200).body("state", equalTo("FAILED")).body("reasonCode", equalTo("SALUS-1725"));
            assertThat(failed.<List<String>>path("transitions.to")).containsExactly("SUBMITTED", "APPROVED",
                    "RUNNING", "FAILED");
            Jobs.await(api, world.lab, waiting, Jobs.ENDED).then().body("state", equalTo("RELEASED"));
        }
    }
}
