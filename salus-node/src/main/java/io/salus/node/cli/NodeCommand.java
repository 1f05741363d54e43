package io.salus.node.cli;

import io.salus.node.wiring.Node;
import io.salus.platform.StopOnExit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "node", mixinStandardHelpOptions = true, description = "Serve a Salus node (engines started by the node unless external ones are configured).")
final class NodeCommand implements Callable<Integer> {
    @Mixin
    NodeOptions options = new NodeOptions();

    @Override
    public Integer call() throws InterruptedException {
        Node node = Node.start(options.resolve(), false, System.out);
        System.out.println("Salus node ready: " + node.apiUrl() + "  (health: " + node.apiUrl() + "/health)");
        System.out.println("Operator API token: " + node.operatorTokenFile());
        awaitShutdown(node);
        return 0;
    }

    /**
     * Serves until the JVM is asked to exit (Ctrl-C, SIGTERM), then stops the node in order (see {@link StopOnExit})
     * and returns.
     */
    static void awaitShutdown(Node node) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        StopOnExit.register("the node", () -> {
            try {
                System.out.println("Stopping the node...");
                node.close();
                System.out.println("Salus node stopped.");
            } finally {
                stopped.countDown();
            }
        });
        stopped.await();
    }
}
