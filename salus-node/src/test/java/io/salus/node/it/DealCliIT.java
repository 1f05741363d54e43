package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.node.cli.SalusCli;
import org.junit.jupiter.api.Test;

/** The deal commands talk to a running node and exit non-zero on refusals. */
class DealCliIT {

    @Test
    void aConsumerReadsItsEarningsAndIsRefusedACountWithABadEpsilonOrAPostWithBadCriteria() {
        Api api = new Api(TestNodes.shared());
        Api.Acct lab = api.open("CONSUMER", "CLI lab");
        String[] auth = {"--url", api.url, "--token", lab.token()};
        assertThat(SalusCli.run(join(new String[]{"deal", "earnings", "--account", lab.id()}, auth))).isZero();
        assertThat(SalusCli.run(join(new String[]{"deal", "count", "--criteria", "{\"age\":{\"min\":18}}",
                "--categories", "VITAL_SIGNS", "--purpose", "HRESCH", "--epsilon", "-1"}, auth))).isNotZero();
        assertThat(SalusCli.run(join(new String[]{"deal", "post", "--criteria", "{\"colour\":\"blue\"}",
                "--categories", "VITAL_SIGNS", "--purpose", "HRESCH", "--price", "1000", "--max-patients", "5",
                "--deadline", "2030-01-01T00:00:00Z"}, auth))).isNotZero();
    }

    private static String[] join(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
