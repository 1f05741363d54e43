package io.salus.chain.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.testkit.chain.Signatures;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EvmSignerTest {
    private static final byte[] COW = Hashing.keccak256("cow".getBytes(StandardCharsets.UTF_8)).bytes();
    private final EvmSigner signer = new EvmSigner();

    /** The example of EIP-712 itself: "Ether Mail" on chain 1, signed by keccak256("cow"). */
    @Test
    void eip712SpecExample_domainSeparatorAndSignatureMatchTheSpec() {
        Hash32 domain = ConsentTypedData.domainSeparator("Ether Mail", 1,
                new EvmAddress("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"));
        assertThat(domain).isEqualTo(
                Hash32.fromHex("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f"));

        Hash32 digest = Hash32.fromHex("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
        byte[] sig = signer.sign(digest, COW);

        assertThat(HexFormat.of().formatHex(sig)).isEqualTo(
                "4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d"
                        + "07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562" + "1c");
        assertThat(signer.recover(digest, sig).orElseThrow())
                .isEqualTo(new EvmAddress("0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826"));
    }

    @Test
    void signatures_areLowS_andRecoverTheSigner() {
        for (int i = 0; i < 50; i++) {
            Hash32 digest = Hashing.keccak256(("message " + i).getBytes(StandardCharsets.UTF_8));
            byte[] sig = signer.sign(digest, COW);
            assertThat(sig).hasSize(65);
            assertThat(sig[64]).isIn((byte) 27, (byte) 28);
            assertThat(signer.recover(digest, sig).orElseThrow()).isEqualTo(EvmSigner.addressOf(COW));
        }
    }

    @Test
    void malleatedHighS_isRefusedAsMalleable() {
        Hash32 digest = Hashing.keccak256("high s".getBytes(StandardCharsets.UTF_8));
        byte[] high = Signatures.highS(signer.sign(digest, COW));

        assertThat(signer.recover(digest, high).failure().code()).isEqualTo(ErrorCode.MALLEABLE_SIGNATURE);
    }

    @Test
    void compact64ByteSignature_isRefusedAsMalleable() {
        Hash32 digest = Hashing.keccak256("compact".getBytes(StandardCharsets.UTF_8));
        byte[] compact = Signatures.compact(signer.sign(digest, COW));

        assertThat(compact).hasSize(64);
        assertThat(signer.recover(digest, compact).failure().code()).isEqualTo(ErrorCode.MALLEABLE_SIGNATURE);
    }

    @Test
    void badV_isAnInvalidSignature() {
        Hash32 digest = Hashing.keccak256("v".getBytes(StandardCharsets.UTF_8));
        byte[] sig = signer.sign(digest, COW);
        for (int v : new int[]{0, 1, 29, 37}) {
            byte[] bad = Arrays.copyOf(sig, 65);
            bad[64] = (byte) v;
            assertThat(signer.recover(digest, bad).failure().code()).isEqualTo(ErrorCode.INVALID_SIGNATURE);
        }
    }

    @Test
    void zeroSignature_isAnInvalidSignature() {
        byte[] zero = new byte[65];
        zero[64] = 27;
        assertThat(signer.recover(Hash32.ZERO, zero).failure().code()).isEqualTo(ErrorCode.INVALID_SIGNATURE);
    }
}
