package io.salus.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.internal.Rpc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/** Anvil state dumps larger than web3j's default 20 MB JSON string limit are snapshotted and restored. */
class LargeStateIT {
    private static final List<String> ADDRESSES = List.of("0x00000000000000000000000000000000005a1005",
            "0x00000000000000000000000000000000005a1006");

    @TempDir
    Path dir;

    @Test
    void stateDumpLargerThanTwentyMegabytes_isSnapshottedAndRestoredAfterRestart() throws IOException {
        byte[] code = new byte[6 * 1024 * 1024];
        new Random(7).nextBytes(code);
        LocalChainConfig config = TestChains.config(dir.resolve("chain")).withSnapshotInterval(Duration.ofHours(1));
        try (LocalChain chain = LocalChain.start(config);
                Rpc rpc = Rpc.connect(chain.rpcUrl(), Duration.ofMinutes(2))) {
            for (String address : ADDRESSES) {
                rpc.raw("anvil_setCode", List.of(address, Numeric.toHexString(code)));
            }
            chain.snapshotNow();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).mapToLong(LargeStateIT::size).max().orElse(0))
                    .as("the snapshot holds 2 x 6 MB of incompressible code").isGreaterThan(2L * code.length);
        }
        try (LocalChain chain = LocalChain.start(config);
                Rpc rpc = Rpc.connect(chain.rpcUrl(), Duration.ofMinutes(2))) {
            for (String address : ADDRESSES) {
                String restored = rpc.web3j().ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
                assertThat(Numeric.hexStringToByteArray(restored)).isEqualTo(code);
            }
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
