package io.salus.chain.zk;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.zk.ZkFixture.Patient;
import io.salus.chain.zk.internal.GasCalls;
import io.salus.chain.zk.internal.GasCalls.Outcome;
import io.salus.chain.zk.internal.ZkCalls;
import io.salus.chain.zk.internal.ZkReverts;
import io.salus.core.error.ErrorCode;
import io.salus.zk.Bn254;
import io.salus.zk.EdDsaPoseidon.PrivateKey;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProviderKeyRegistry on a real anvil: who may set which key, and which keys are refused. */
class ProviderKeyRegistryIT {
    @TempDir
    static Path dir;
    static ZkFixture zk;

    @BeforeAll
    static void start() {
        zk = ZkFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        zk.close();
    }

    @Test
    void anEnrolledProvider_rotatesItsOwnKey_andTheOldOneIsRevoked() {
        Patient clinic = zk.fundedPatient();
        PrivateKey first = PrivateKey.generate(ZkFixture.RANDOM);
        PrivateKey second = PrivateKey.generate(ZkFixture.RANDOM);
        zk.gate().registerProviderKey(clinic.address(), first.publicKey().x(), first.publicKey().y()).orElseThrow();
        zk.gate().setOwnProviderKey(clinic.credentials(), second.publicKey().x(), second.publicKey().y())
                .orElseThrow();
        assertThat(zk.gate().providerKeyActive(first.publicKey().x(), first.publicKey().y())).isFalse();
        assertThat(zk.gate().providerKeyActive(second.publicKey().x(), second.publicKey().y())).isTrue();
    }

    @Test
    void anAccountTheOperatorNeverEnrolled_cannotRegisterAKey() {
        Patient stranger = zk.fundedPatient();
        PrivateKey key = PrivateKey.generate(ZkFixture.RANDOM);
        assertThat(zk.gate().setOwnProviderKey(stranger.credentials(), key.publicKey().x(), key.publicKey().y())
                .failure().code()).isEqualTo(ErrorCode.ZK_PROVIDER_NOT_ENROLLED);
        assertThat(zk.gate().providerKeyActive(key.publicKey().x(), key.publicKey().y())).isFalse();
    }

    @Test
    void offCurveAndSmallOrderKeys_areRefused() {
        Patient clinic = ZkFixture.account();
        PrivateKey key = PrivateKey.generate(ZkFixture.RANDOM);
        assertThat(zk.gate().registerProviderKey(clinic.address(), key.publicKey().x(),
                key.publicKey().y().add(BigInteger.ONE)).failure().code()).isEqualTo(ErrorCode.ZK_PROVIDER_KEY_INVALID);
        assertThat(zk.gate().registerProviderKey(clinic.address(), BigInteger.ZERO, BigInteger.ONE).failure().code())
                .as("the identity").isEqualTo(ErrorCode.ZK_PROVIDER_KEY_INVALID);
        BigInteger minusOne = Bn254.R.subtract(BigInteger.ONE);
        assertThat(zk.gate().registerProviderKey(clinic.address(), BigInteger.ZERO, minusOne).failure().code())
                .as("the point of order 2").isEqualTo(ErrorCode.ZK_PROVIDER_KEY_INVALID);
    }

    @Test
    void aKeyAlreadyRegistered_cannotBeClaimedByAnotherProvider() {
        PrivateKey key = PrivateKey.generate(ZkFixture.RANDOM);
        zk.gate().registerProviderKey(ZkFixture.account().address(), key.publicKey().x(), key.publicKey().y())
                .orElseThrow();
        assertThat(zk.gate().registerProviderKey(ZkFixture.account().address(), key.publicKey().x(),
                key.publicKey().y()).failure().code()).isEqualTo(ErrorCode.ZK_PROVIDER_KEY_INVALID);
    }

    @Test
    void onlyTheProviderOrTheOperator_revokesAKey() {
        Patient clinic = ZkFixture.account();
        Patient rival = zk.fundedPatient();
        PrivateKey key = PrivateKey.generate(ZkFixture.RANDOM);
        zk.gate().registerProviderKey(clinic.address(), key.publicKey().x(), key.publicKey().y()).orElseThrow();
        Outcome byRival = new GasCalls(zk.node().ledger().access().rpc()).call(rival.address().hex(),
                zk.gate().addresses().registry(), ZkCalls.revoke(clinic.address()), BigInteger.valueOf(200_000));
        assertThat(ZkReverts.name(byRival.revertData())).contains("NotProviderOrOwner");
        assertThat(zk.gate().providerKeyActive(key.publicKey().x(), key.publicKey().y())).isTrue();
    }
}
