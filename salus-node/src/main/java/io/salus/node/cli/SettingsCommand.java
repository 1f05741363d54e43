package io.salus.node.cli;

import io.salus.node.config.Setting;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "settings", description = "List every setting with its environment variable and default.")
final class SettingsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (Setting s : Setting.values()) {
            System.out.printf("%-42s %-40s default: %s%n    %s%n", s.key(), s.envName(),
                    s.defaultValue().isEmpty() ? "(empty)" : s.defaultValue(), s.description());
        }
        return 0;
    }
}
