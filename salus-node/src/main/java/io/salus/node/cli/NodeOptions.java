package io.salus.node.cli;

import io.salus.node.config.NodeSettings;
import io.salus.node.config.Setting;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by the commands that start a node. */
final class NodeOptions {
    @Option(names = "--data-dir", description = "Directory holding all node state (default ./data).")
    String dataDir;

    @Option(names = "--port", description = "HTTP port (default 7070; 0 picks a free one).")
    Integer port;

    @Option(names = "--set", description = "Any setting, as key=value (see `salus settings`).")
    Map<String, String> settings = new HashMap<>();

    NodeSettings resolve() {
        Map<String, String> overrides = new HashMap<>(settings);
        if (dataDir != null) {
            overrides.put(Setting.DATA_DIR.key(), dataDir);
        }
        if (port != null) {
            overrides.put(Setting.HTTP_PORT.key(), port.toString());
        }
        return NodeSettings.fromEnvironment(overrides);
    }
}
