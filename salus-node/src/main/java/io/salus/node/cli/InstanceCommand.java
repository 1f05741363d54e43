package io.salus.node.cli;

import io.salus.node.wiring.InstanceFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "instance", mixinStandardHelpOptions = true, description = {
        "Prepare the data directory of a further instance of this node (docs/deploy/README.md, decision 0031).",
        "Copies the KEK, the sealed node keys, the SMART and federation signing keys, the addresses of contracts the",
        "first instance deployed and the operator token; start the instance with the same salus.db.url, chain",
        "settings and master secret."})
final class InstanceCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "The first instance's data directory.")
    Path from;

    @Option(names = "--data-dir", required = true, description = "The new instance's data directory.")
    Path to;

    @Override
    public Integer call() {
        try {
            List<String> copied = InstanceFiles.copy(from, to);
            System.out.println("Prepared " + to + " from " + from + ": " + String.join(", ", copied));
            return 0;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }
}
