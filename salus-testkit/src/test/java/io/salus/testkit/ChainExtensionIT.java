package io.salus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.consent.EvmSigner;
import io.salus.core.anchor.AnchorTx;
import io.salus.core.merkle.Hash32;
import io.salus.testkit.chain.Deployment;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.data.KeySpace;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The chain extension: a key space per class, fresh deployments on request, one clock that only moves forward. */
@WithChain
class ChainExtensionIT {
    private final TestChain chain;

    ChainExtensionIT(TestChain chain) {
        this.chain = chain;
    }

    @Test
    void theClassesKeySpace_givesTheSameKeyForTheSameName_andOtherKeysThanAnotherSpace() {
        assertThat(chain.key("patient")).isEqualTo(chain.key("patient")).isNotEqualTo(chain.key("doctor"))
                .isNotEqualTo(KeySpace.random().key("patient"));
        assertThat(chain.address("patient")).isEqualTo(EvmSigner.addressOf(chain.key("patient")));
        assertThat(chain.id("batch")).isNotEqualTo(KeySpace.random().id("batch"));
    }

    @Test
    void aFreshDeployment_hasContractsAndARelayerOfItsOwn_andWorks() {
        Deployment fresh = chain.freshDeployment();
        Hash32 key = chain.id("fresh batch");

        AnchorTx tx = fresh.ledger().anchor(key, chain.id("fresh root"), 1);

        assertThat(fresh.contracts()).isNotEqualTo(chain.contracts());
        assertThat(fresh.relayer()).isNotEqualTo(chain.deployment().relayer());
        assertThat(fresh.ledger().findAnchor(key)).contains(tx);
        assertThat(chain.ledger().findAnchor(key)).isEmpty();
    }

    @Test
    void travel_movesTheSharedClockForward() {
        Instant before = chain.now();

        chain.travel(120);

        assertThat(chain.now()).isAfterOrEqualTo(before.plusSeconds(120));
    }

    @Nested
    class InANestedClass {
        @Test
        void aNestedClass_sharesItsOuterClassesKeySpace(TestChain nested) {
            assertThat(nested).isSameAs(chain);
        }
    }
}
