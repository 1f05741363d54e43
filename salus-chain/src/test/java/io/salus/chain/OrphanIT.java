package io.salus.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanIT {
    @TempDir
    Path dir;

    @Test
    void anvilDies_whenItsJvmIsKilledWithSigkill() throws Exception {
        Path chainDir = dir.resolve("chain");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ChildChainMain.class.getName(), chainDir.toString(), TestChains.anvil().toString()))
                .redirectErrorStream(true).start();
        long anvilPid;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                System.out.println("child: " + line);
            }
            assertThat(line).as("the child JVM started its chain").isNotNull();
            anvilPid = Long.parseLong(Files.readString(chainDir.resolve("anvil.pid")).strip());
            assertThat(ProcessHandle.of(anvilPid).map(ProcessHandle::isAlive)).contains(true);

            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        ProcessHandle anvil = ProcessHandle.of(anvilPid).orElse(null);
        if (anvil != null) {
            anvil.onExit().get(30, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(anvilPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
