package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.salus.testkit.Bundles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node run as a child process in a process group of its own is stopped the way a terminal stops a foreground job: a
 * signal to the whole group (Ctrl-C is SIGINT to the group). Only the node receives it, since anvil and PostgreSQL run
 * in sessions of their own, and it stops in order: HTTP, workers, a final chain snapshot, the chain, the store; the
 * log holds no warning and no stack trace, the final snapshot is newer than the signal and holds the anchored batch,
 * and neither engine is left running.
 */
class OrderlyStopIT {
    private static final Pattern READY = Pattern.compile("Salus node ready: (http://\\S+)");
    private static final Pattern SNAPSHOT = Pattern.compile("state-(\\d{12})-(\\d+)\\.json\\.gz");
    private static final List<String> STOP_ORDER = List.of("stopped HttpApi", "stopped Workers",
            "final chain snapshot at block", "anvil stopped", "embedded PostgreSQL stopped", "Salus node stopped.");

    @TempDir
    Path dir;
    private Process node;
    private final List<Long> engines = new ArrayList<>();

    @Test
    void ctrlC_toTheNodesProcessGroup_stopsInOrder_withAFreshSnapshot_andACleanLog() throws Exception {
        assumeThat(sigintIgnoredHere()).as("this JVM ignores SIGINT (started in the background by a shell without "
                + "job control), so would the node; SIGTERM is tested on its own").isFalse();

        stopsInOrder("INT", 130);
    }

    @Test
    void sigterm_toTheNodesProcessGroup_stopsInOrder_withAFreshSnapshot_andACleanLog() throws Exception {
        stopsInOrder("TERM", 143);
    }

    private void stopsInOrder(String signal, int exitStatus) throws Exception {
        String url = start();
        Api api = new Api(url, Files.readString(dir.resolve("operator.token")).strip());
        Api.Acct patient = api.open("PATIENT", "Patient stopped by " + signal);
        api.deposit(patient, patient, Bundles.patientWithObservations("stop-" + signal, 2), null).then()
                .statusCode(201);
        long anchoredIn = api.awaitAnchored(patient, 3, Duration.ofSeconds(60)).stream()
                .mapToLong(r -> ((Number) api.get(patient, "/records/" + r.get("id") + "/receipt").path("blockNumber"))
                        .longValue())
                .max().orElseThrow();
        engines.add(pidIn(dir.resolve("chain/anvil.pid")));
        engines.add(pidIn(dir.resolve("postgres/postgres/postmaster.pid")));
        assertThat(processGroupOf(node.pid())).as("the node leads its own process group").isEqualTo(node.pid());

        long signalledAt = System.currentTimeMillis();
        int kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + node.pid()).inheritIO().start().waitFor();
        assertThat(kill).isZero();

        assertThat(node.waitFor(90, TimeUnit.SECONDS)).as("the node exits").isTrue();
        assertThat(node.exitValue()).as("the JVM's own exit status for SIG" + signal).isEqualTo(exitStatus);
        List<String> log = Files.readAllLines(dir.resolve("node.log"), StandardCharsets.UTF_8);
        assertThat(log).as("the stop is clean").noneMatch(l -> l.contains(" WARN ") || l.contains(" ERROR ")
                || l.contains("Exception") || l.matches("\\s+at .*") || l.contains("failed"));
        assertThat(positions(log)).as("the order of the stop").isSorted().doesNotContain(-1);
        Snapshot last = newestSnapshot().orElseThrow();
        assertThat(last.takenAt()).as("the final snapshot is taken after the signal")
                .isGreaterThanOrEqualTo(signalledAt);
        assertThat(last.block()).as("the final snapshot holds the anchored batch").isGreaterThanOrEqualTo(anchoredIn);
        assertThat(gunzipped(last.file())).as("the final snapshot is whole").isPositive();
        for (long pid : engines) {
            assertThat(awaitGone(pid)).as("engine process " + pid + " is gone").isTrue();
        }
    }

    private String start() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // setsid: the child leads a new session and process group, like a job a terminal runs in the foreground
        ProcessBuilder pb = new ProcessBuilder("setsid", java, "-cp", System.getProperty("java.class.path"),
                "-Dsalus.home=" + System.getProperty("salus.home", ".."), "io.salus.node.cli.SalusCli", "node",
                "--data-dir", dir.toString(), "--port", "0", "--set", "salus.anchor.max-delay-ms=200", "--set",
                "salus.anchor.poll-ms=50", "--set", "salus.chain.snapshot-seconds=3600");
        pb.environment().put("SALUS_MASTER_SECRET", TestNodes.SECRET);
        pb.environment().put("SALUS_LOG_LEVEL", "INFO");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile());
        node = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && node.isAlive()) {
            Matcher ready = READY.matcher(Files.readString(dir.resolve("node.log")));
            if (ready.find()) {
                return ready.group(1);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the child node did not get ready:\n" + Files.readString(dir.resolve("node.log")));
    }

    private static List<Integer> positions(List<String> log) {
        List<Integer> at = new ArrayList<>();
        for (String step : STOP_ORDER) {
            int found = -1;
            for (int i = 0; i < log.size() && found < 0; i++) {
                if (log.get(i).contains(step)) {
                    found = i;
                }
            }
            at.add(found);
        }
        return at;
    }

    private record Snapshot(Path file, long block, long takenAt) {
    }

    private Optional<Snapshot> newestSnapshot() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("chain/snapshots"))) {
            return files.map(f -> Map.entry(f, SNAPSHOT.matcher(f.getFileName().toString())))
                    .filter(e -> e.getValue().matches())
                    .map(e -> new Snapshot(e.getKey(), Long.parseLong(e.getValue().group(1)),
                            Long.parseLong(e.getValue().group(2))))
                    .max((a, b) -> Long.compare(a.takenAt(), b.takenAt()));
        }
    }

    private static long gunzipped(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static long pidIn(Path pidFile) throws IOException {
        return Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
    }

    /** Field 5 of /proc/<pid>/stat, after the parenthesised command name. */
    private static long processGroupOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
    }

    /** True when this JVM ignores SIGINT: the SigIgn mask of /proc/self/status has bit 1 (SIGINT = 2). */
    private static boolean sigintIgnoredHere() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> Long.parseLong(l.substring("SigIgn:".length()).strip(), 16))
                .anyMatch(mask -> (mask & (1L << (2 - 1))) != 0);
    }

    private static boolean awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    @AfterEach
    void killWhatIsLeft() {
        if (node != null && node.isAlive()) {
            node.destroyForcibly();
        }
        engines.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
}
