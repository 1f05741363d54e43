package io.salus.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** The machine a run was made on, for the report. */
public record Machine(int cores, String cpu, String jdk, String os, long maxHeapMb, LocalDate date) {

    public static Machine current() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: keep "unknown CPU"
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), cpu,
                System.getProperty("java.vm.vendor") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), LocalDate.now());
    }

    public String text() {
        return cores + " cores (" + cpu + "), JDK " + jdk + ", " + os + ", max heap " + maxHeapMb + " MB, " + date;
    }
}
