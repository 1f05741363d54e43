package io.salus.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Blake512Test {

    private static String hex(byte[] message) {
        return HexFormat.of().formatHex(Blake512.digest(message));
    }

    @Test
    void matchesTheReferenceVectorsOfTheBlakeSubmission() {
        assertThat(hex(new byte[0])).isEqualTo("a8cfbbd73726062df0c6864dda65defe58ef0cc52a5625090fa17601e1eecd1b"
                + "628e94f396ae402a00acc9eab77b4d4c2e852aaaa25a636d80af3fc7913ef5b8");
        assertThat(hex(new byte[1])).isEqualTo("97961587f6d970faba6d2478045de6d1fabd09b61ae50932054d52bc29d31be4"
                + "ff9102b9f69e2bbdb83be13d4b9c06091e5fa0b48bd081b634058be0ec49beb3");
        assertThat(hex(new byte[144])).isEqualTo("313717d608e9cf758dcb1eb0f0c3cf9fc150b2d500fb33f51c52afc99d358a2f"
                + "1374b8a38bba7974e7f6ef79cab16f22ce1e649d6e01ad9589c213045d545dde");
    }
}
