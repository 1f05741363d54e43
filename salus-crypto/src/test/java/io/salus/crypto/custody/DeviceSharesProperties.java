package io.salus.crypto.custody;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.Result;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Guardian recovery on devices: any k of the n shares, each re-sealed by its guardian's device to the new device, give
 * the patient's keys back there; fewer than k do not; a share opens only with its own guardian's key and context.
 */
class DeviceSharesProperties {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DeviceShares shares = new DeviceShares(RANDOM);

    @Property(tries = 20)
    void kResealedShares_giveThePatientsKeysBackOnTheNewDevice_andFewerDoNot(@ForAll @IntRange(min = 1, max = 5) int k,
            @ForAll @IntRange(min = 0, max = 3) int extra) {
        int n = k + extra;
        try (DeviceKeys patient = DeviceKeys.generate(RANDOM); DeviceKeys newDevice = DeviceKeys.generate(RANDOM)) {
            List<DeviceKeys> guardians = new ArrayList<>();
            List<DeviceShares.Recipient> to = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                guardians.add(DeviceKeys.generate(RANDOM));
                to.add(new DeviceShares.Recipient(guardians.get(i).encryptionPublicKey(), context("share", i)));
            }
            List<DeviceShares.Sealed> sealed = shares.split(patient, to, k).orElseThrow();
            List<DeviceShares.Sealed> resealed = new ArrayList<>();
            List<byte[]> contexts = new ArrayList<>();
            for (int i = extra; i < n; i++) {
                DeviceShares.Sealed s = sealed.get(i);
                resealed.add(new DeviceShares.Sealed(s.x(), shares.reseal(guardians.get(i), s.sealed(), context(
                        "share", i), newDevice.encryptionPublicKey(), context("approval", s.x())).orElseThrow()));
                contexts.add(context("approval", s.x()));
            }
            try (DeviceKeys back = shares.combine(newDevice, resealed, contexts, k).orElseThrow()) {
                assertThat(back.address()).isEqualTo(patient.address());
                assertThat(back.encryptionPublicKey()).isEqualTo(patient.encryptionPublicKey());
            }
            Result<DeviceKeys> tooFew = shares.combine(newDevice, resealed.subList(0, k - 1), contexts.subList(0, k
                    - 1), k);
            assertThat(tooFew.isOk()).isFalse();
            guardians.forEach(DeviceKeys::close);
        }
    }

    @Property(tries = 10)
    void aShare_opensOnlyWithItsGuardiansKeyInItsContext(@ForAll @IntRange(min = 2, max = 4) int n) {
        try (DeviceKeys patient = DeviceKeys.generate(RANDOM);
                DeviceKeys newDevice = DeviceKeys.generate(RANDOM);
                DeviceKeys a = DeviceKeys.generate(RANDOM);
                DeviceKeys b = DeviceKeys.generate(RANDOM)) {
            List<DeviceShares.Recipient> to = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                to.add(new DeviceShares.Recipient((i == 0 ? a : b).encryptionPublicKey(), context("share", i)));
            }
            byte[] first = shares.split(patient, to, 2).orElseThrow().getFirst().sealed();
            byte[] target = newDevice.encryptionPublicKey();
            assertThat(shares.reseal(b, first, context("share", 0), target, context("approval", 1)).isOk()).isFalse();
            assertThat(shares.reseal(a, first, context("share", 1), target, context("approval", 1)).isOk()).isFalse();
            assertThat(shares.reseal(a, first, context("share", 0), target, context("approval", 1)).isOk()).isTrue();
            assertThat(Arrays.equals(first, shares.split(patient, to, 2).orElseThrow().getFirst().sealed())).isFalse();
        }
    }

    private static byte[] context(String what, int i) {
        return (what + "|" + i).getBytes(StandardCharsets.US_ASCII);
    }
}
