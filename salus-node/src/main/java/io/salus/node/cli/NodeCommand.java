package io.salus.node.cli;

import io.salus.node.wiring.Node;
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

    static void awaitShutdown(Node node) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "salus-shutdown"));
        stopped.await();
    }
}
