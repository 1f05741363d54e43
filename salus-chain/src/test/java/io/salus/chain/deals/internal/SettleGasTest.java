package io.salus.chain.deals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.internal.TxSender;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger.PackageHashes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SettleGasTest {
    private static final EvmAddress HOSPITAL = address(0xffff);
    private static final PackageHashes HASHES = new PackageHashes(Hash32.ZERO, Hash32.ZERO);

    @Test
    void chunks_keepEveryPayoutInOrder_andHoldAtMostTheCountAsked() {
        List<ProvenPayout> payouts = payouts(250, i -> List.of(new ProviderShare(HOSPITAL, 1)), 14);

        List<List<ProvenPayout>> chunks = SettleGas.chunks(payouts, 120, 32);

        assertThat(chunks).extracting(List::size).containsExactly(120, 120, 10);
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(payouts);
    }

    @Test
    void chunks_ofPayoutsWithManyNewPayees_areCutAtTheGasBudget_beforeTheCount() {
        List<ProvenPayout> payouts = payouts(300, i -> List.of(new ProviderShare(address(100_000 + i), 1),
                new ProviderShare(address(200_000 + i), 2), new ProviderShare(address(300_000 + i), 3)), 9);

        List<List<ProvenPayout>> chunks = SettleGas.chunks(payouts, 120, 32);

        assertThat(chunks).allSatisfy(c -> assertThat(c.size()).isLessThan(120));
        assertThat(chunks.stream().mapToInt(List::size).sum()).isEqualTo(300);
        for (int i = 0; i < chunks.size(); i++) {
            String data = DealCalls.settle(Hash32.ZERO, HASHES, chunks.get(i), false, new byte[0]);
            assertThat(SettleGas.limit(data, chunks.get(i), 0)).isLessThanOrEqualTo(SettleGas.CHUNK_BUDGET);
        }
    }

    @Test
    void noPayoutLeft_stillGivesTheClosingChunk_empty() {
        assertThat(SettleGas.chunks(List.of(), 120, 32)).containsExactly(List.of());
    }

    @Test
    void aPayeeRepeatedInAChunk_costsLessThanANewOne() {
        List<ProvenPayout> repeated = payouts(10, i -> List.of(new ProviderShare(HOSPITAL, 1)), 5);
        List<ProvenPayout> fresh = payouts(10, i -> List.of(new ProviderShare(address(50_000 + i), 1)), 5);
        String data = DealCalls.settle(Hash32.ZERO, HASHES, repeated, false, new byte[0]);

        assertThat(SettleGas.limit(data, repeated, 0)).isLessThan(SettleGas.limit(data, fresh, 0));
    }

    @Test
    void intrinsicGas_chargesFourPerZeroByteToken_andSixteenPerOtherByte_orTheCalldataFloor() {
        assertThat(TxSender.intrinsicGas("0x0000ff", 1_000)).isEqualTo(21_000 + 4 * (1 + 1 + 4) + 1_000);
        assertThat(TxSender.intrinsicGas("0x0000ff", 0)).isEqualTo(21_000 + 10 * (1 + 1 + 4));
    }

    private static List<ProvenPayout> payouts(int n, IntFunction<List<ProviderShare>> providers,
            int depth) {
        List<ProvenPayout> out = new ArrayList<>();
        List<Hash32> proof = Collections.nCopies(depth, Hash32.ZERO);
        IntStream.range(0, n).forEach(i -> out.add(new ProvenPayout(new Payout(Hash32.ZERO, address(i + 1),
                Optional.empty(), providers.apply(i)), proof)));
        return out;
    }

    private static EvmAddress address(int i) {
        return new EvmAddress(String.format("0x%040x", i));
    }
}
