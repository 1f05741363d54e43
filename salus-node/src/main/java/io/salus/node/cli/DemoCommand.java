package io.salus.node.cli;

import io.salus.node.demo.Demo;
import io.salus.node.demo.DemoAlliance;
import io.salus.node.demo.DemoReport;
import io.salus.node.demo.DemoSummary;
import io.salus.node.wiring.Node;
import io.salus.platform.StopOnExit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true, description = {
        "Start a node on embedded PostgreSQL and a local chain, open a hospital and demo patients, "
                + "deposit the fixture patients, anchor them, verify every proof against the chain, print a summary "
                + "and keep serving.",
        "A second run on the same data directory reuses it."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    NodeOptions options = new NodeOptions();

    @Option(names = "--exit", description = "Stop after the summary instead of serving.")
    boolean exit;

    @Option(names = "--nodes", description = "Start this many hospitals on one chain (an alliance, 2 to 5) and print "
            + "a federated count instead of the one-node story (docs/federation.md).")
    int nodes = 1;

    @Option(names = "--dao", hidden = true, description = "Accepted for earlier scripts: the patient-DAO story is "
            + "now part of every demo (docs/dao.md).")
    boolean dao;

    @Option(names = "--claims", hidden = true, description = "Accepted for earlier scripts: the insurance-claim "
            + "story is now part of every demo (docs/care.md).")
    boolean claims;

    @Override
    public Integer call() throws InterruptedException {
        if (nodes != 1) {
            return alliance();
        }
        Node node = Node.start(options.resolve(Demo.SETTINGS), true, System.out);
        StopOnExit.register("the demo node", node::close); // a Ctrl-C during the demo; closing twice does nothing
        boolean ok;
        try {
            DemoSummary summary = new Demo(node, System.out).run();
            DemoReport.print(System.out, summary, node.apiUrl(), node.operatorTokenFile().toString());
            ok = summary.failedVerification() == 0 && summary.verified() == summary.verifiable();
        } catch (RuntimeException | InterruptedException e) {
            node.close();
            throw e;
        }
        if (exit) {
            node.close();
            return ok ? 0 : 2;
        }
        System.out.println("Serving; press Ctrl-C to stop.");
        NodeCommand.awaitShutdown(node);
        return 0;
    }

    private Integer alliance() throws InterruptedException {
        if (nodes < 2 || nodes > 5) {
            throw new IllegalArgumentException("--nodes takes 2 to 5 hospitals, not " + nodes);
        }
        DemoAlliance alliance = new DemoAlliance(System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        StopOnExit.register("the demo alliance", () -> { // joiners first, then hospital A and its chain
            try {
                alliance.close();
            } finally {
                stopped.countDown();
            }
        });
        boolean ok;
        try {
            ok = alliance.run(options.resolve(Demo.SETTINGS), nodes);
        } catch (RuntimeException | InterruptedException e) {
            alliance.close();
            throw e;
        }
        if (exit) {
            alliance.close();
            return ok ? 0 : 2;
        }
        System.out.println("Serving " + nodes + " hospitals; press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
