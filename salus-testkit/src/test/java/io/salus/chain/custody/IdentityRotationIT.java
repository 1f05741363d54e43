package io.salus.chain.custody;

import static io.salus.testkit.chain.ConsentSigner.SIGNER;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Signed;
import io.salus.core.custody.Rotation;
import io.salus.core.error.ErrorCode;
import io.salus.testkit.chain.ConsentSigner;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.data.ConsentFixtures;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ConsentRegistry's key rotation (taking custody, docs/custody.md): signed by the old key only, and from then on the
 * old key is frozen: nothing it signs, and no new grant naming it, takes effect.
 */
@WithChain
class IdentityRotationIT {
    static TestChain chain;
    static EvmIdentityRotation rotation;

    @BeforeAll
    static void start(TestChain c) {
        chain = c;
        rotation = EvmIdentityRotation.on(c.ledger());
    }

    static Signed<Rotation> rotate(byte[] signingKey, EvmAddress from, EvmAddress to) {
        Signed<Rotation> u = new Signed<>(new Rotation(from, to), from, rotation.nextNonce(from), chain.inAnHour(),
                new byte[0]);
        return ConsentSigner.withSignature(u, SIGNER.sign(rotation.digest(u), signingKey));
    }

    static GrantTerms terms(EvmAddress patient) {
        return ConsentFixtures.terms(patient, Optional.empty());
    }

    @Test
    void aRotatedKey_canNeitherGrantRevokeDelegateNorRotateAgain() {
        byte[] oldKey = chain.key("rotating patient");
        EvmAddress old = TestChain.address(oldKey);
        EvmAddress next = chain.address("rotating patient's device");
        long grantId = chain.consent().grant(chain.signer().sign(terms(old), oldKey)).orElseThrow().grantId();

        assertThat(rotate(chain.key("someone else"), old, next)).satisfies(
                s -> assertThat(rotation.rotate(s).isOk()).as("signed by another key").isFalse());
        assertThat(rotation.rotatedTo(old)).isEmpty();
        assertThat(rotation.rotate(rotate(oldKey, old, next)).isOk()).isTrue();
        assertThat(rotation.rotatedTo(old)).contains(next);

        assertThat(chain.consent().grant(chain.signer().sign(terms(old), oldKey)).failure().code()).as("grant")
                .isEqualTo(ErrorCode.CUSTODY_KEY_ROTATED);
        assertThat(chain.consent().revoke(chain.signer().sign(new Payloads.Revoke(grantId), oldKey)).failure().code())
                .as("revoke").isEqualTo(ErrorCode.CUSTODY_KEY_ROTATED);
        assertThat(chain.consent().delegate(chain.signer().sign(new Payloads.Delegate(old,
                chain.address("a delegate"), 2, chain.inAnHour()), oldKey)).failure().code()).as("delegate")
                .isEqualTo(ErrorCode.CUSTODY_KEY_ROTATED);
        assertThat(rotation.rotate(rotate(oldKey, old, chain.address("another device"))).isOk()).as("rotate again")
                .isFalse();
        assertThat(rotation.rotatedTo(old)).contains(next);
    }

    @Test
    void aKeyCannotBeHandedToAKeyThatWasItselfRotated() {
        byte[] first = chain.key("first holder");
        byte[] second = chain.key("second holder");
        EvmAddress a = TestChain.address(first);
        EvmAddress b = TestChain.address(second);
        assertThat(rotation.rotate(rotate(second, b, chain.address("b's device"))).isOk()).isTrue();
        assertThat(rotation.rotate(rotate(first, a, b)).isOk()).isFalse();
        assertThat(rotation.rotatedTo(a)).isEmpty();
    }
}
