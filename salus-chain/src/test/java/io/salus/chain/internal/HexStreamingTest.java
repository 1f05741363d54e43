package io.salus.chain.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming halves of chain snapshots: {@link HexBody} writes a file as hex, {@link HexResult} decodes a
 * JSON-RPC hex result from a stream; together they round-trip bytes larger than their buffers.
 */
class HexStreamingTest {
    @TempDir
    Path dir;

    private static byte[] decode(String response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = HexResult.copy(new ByteArrayInputStream(response.getBytes(StandardCharsets.UTF_8)), out);
        assertThat(n).isEqualTo(out.size());
        return out.toByteArray();
    }

    @Test
    void aFileOfSeveralBuffers_writtenAsHex_decodesFromAResponseToTheSameBytes() throws IOException {
        byte[] state = new byte[300_001];
        new Random(3).nextBytes(state);
        Path file = dir.resolve("state.gz");
        Files.write(file, state);
        ByteArrayOutputStream hex = new ByteArrayOutputStream();

        HexBody.write(file, hex);

        assertThat(hex.size()).isEqualTo(2 * state.length);
        assertThat(decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x" + hex + "\"}")).isEqualTo(state);
    }

    @Test
    void theResult_isFoundWhateverTheMemberOrder_andOtherMembersAreSkipped() throws IOException {
        assertThat(decode(" { \"result\" : \"0xABcd01\", \"id\": {\"a\": [1, \"x,}\\\"\"], \"b\": true}, "
                + "\"jsonrpc\": \"2.0\" }")).containsExactly(0xab, 0xcd, 0x01);
        assertThat(decode("{\"id\":7,\"jsonrpc\":\"2.0\",\"result\":\"0x\"}")).isEmpty();
    }

    @Test
    void anErrorResponse_failsWithTheChainsMessage() {
        assertThatThrownBy(() -> decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,"
                + "\"message\":\"Method not found\"}}")).isInstanceOf(IOException.class)
                .hasMessageContaining("Method not found");
    }

    @Test
    void aTruncatedOddOrNonHexResult_orNoResult_fails() {
        for (String bad : new String[]{"{\"result\":\"0x00ff", "{\"result\":\"0x0f0\"}", "{\"result\":\"0xzz\"}",
                "{\"result\":\"00ff\"}", "{\"result\":12}", "{\"id\":1}", "[]"}) {
            assertThatThrownBy(() -> decode(bad)).as(bad).isInstanceOf(IOException.class);
        }
    }
}
