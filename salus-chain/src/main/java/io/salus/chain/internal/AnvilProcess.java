package io.salus.chain.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child anvil on loopback that never outlives the JVM: it runs under {@code /bin/sh} whose stdin is a pipe from this
 * JVM; when the pipe closes (clean stop or the JVM killed, even with SIGKILL) the shell kills anvil. Shell and anvil run
 * in a session of their own ({@code setsid}), so a Ctrl-C or a SIGTERM sent to the node's process group reaches only
 * the node, which takes its final snapshot before it stops anvil. Its pid is kept in {@code anvil.pid} so that a later
 * start can kill an anvil left over. Output goes to {@code anvil.log}. Not thread-safe; owned by {@code LocalChain}.
 */
public final class AnvilProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnvilProcess.class);
    private static final String WATCHDOG = "\"$0\" \"$@\" </dev/null & p=$!; echo $p > \"$SALUS_ANVIL_PID\"; "
            + "trap 'kill $p 2>/dev/null' TERM INT HUP; cat >/dev/null; kill $p 2>/dev/null; wait $p";
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final Process shell;
    private final long pid;
    private final int port;

    private AnvilProcess(Process shell, long pid, int port) {
        this.shell = shell;
        this.pid = pid;
        this.port = port;
    }

    public static AnvilProcess start(Path binary, Path chainDir, long chainId, List<String> miningArgs) {
        try {
            Path home = chainDir.resolve("anvil-home");
            Files.createDirectories(home);
            Path pidFile = chainDir.resolve("anvil.pid");
            killStale(pidFile);
            Files.deleteIfExists(pidFile);
            int port = freePort();
            List<String> cmd = new ArrayList<>(ownSession());
            cmd.addAll(List.of("/bin/sh", "-c", WATCHDOG, binary.toAbsolutePath().toString(),
                    "--host", "127.0.0.1", "--port", Integer.toString(port), "--chain-id", Long.toString(chainId),
                    "--gas-limit", "1000000000", "--prune-history", "--cache-path", home.resolve("cache").toString(),
                    // snapshots are restored through anvil_loadState, whose body outgrows the default 2 MB limit
                    "--no-request-size-limit"));
            cmd.addAll(miningArgs);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(chainDir.resolve("anvil.log").toFile()));
            Map<String, String> env = pb.environment();
            env.put("HOME", home.toString());
            env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
            env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
            env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
            env.put("FOUNDRY_DIR", home.resolve(".foundry").toString());
            env.put("SALUS_ANVIL_PID", pidFile.toString());
            Process shell = pb.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                Optional<Long> pid = readPid(pidFile);
                if (pid.isPresent()) {
                    return new AnvilProcess(shell, pid.get(), port);
                }
                if (!shell.isAlive()) {
                    break;
                }
                Thread.sleep(20);
            }
            shell.destroyForcibly();
            throw new IllegalStateException("anvil did not start, see " + chainDir.resolve("anvil.log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start anvil from " + binary, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting anvil", e);
        }
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return pid;
    }

    public boolean isAlive() {
        return shell.isAlive() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Stops anvil (closing the watchdog's stdin) and waits for it, killing it if it lingers. */
    @Override
    public void close() {
        try {
            shell.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("closing the anvil watchdog pipe: {}", e.toString());
        }
        try {
            if (!shell.waitFor(10, TimeUnit.SECONDS)) {
                shell.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcessHandle.of(pid).ifPresent(AnvilProcess::terminate);
    }

    /**
     * {@code setsid -w}: the watchdog and anvil leave the node's process group and session (no terminal signals reach
     * them) while the JVM keeps the watchdog's stdin; {@code -w} keeps the launched process the watchdog itself.
     */
    private static List<String> ownSession() {
        for (Path setsid : SETSID) {
            if (Files.isExecutable(setsid)) {
                return List.of(setsid.toString(), "-w");
            }
        }
        LOG.warn("setsid not found: anvil shares the node's process group, and a Ctrl-C reaches it directly");
        return List.of();
    }

    private static void killStale(Path pidFile) {
        readPid(pidFile).flatMap(ProcessHandle::of).filter(ph -> ph.info().command().orElse("").contains("anvil"))
                .ifPresent(ph -> {
                    LOG.warn("killing anvil {} left over from an earlier run", ph.pid());
                    terminate(ph);
                });
    }

    private static void terminate(ProcessHandle ph) {
        ph.destroy();
        try {
            ph.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            ph.destroyForcibly();
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            String s = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
            return s.matches("\\d+") ? Optional.of(Long.parseLong(s)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
