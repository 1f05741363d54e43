package io.salus.chain.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.chain.consent.internal.ConsentCalls;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Reverts;
import io.salus.contracts.generated.ConsentRegistry;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.ConsentEvent;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.ConsentLedger.Relayed;
import io.salus.testkit.chain.ConsentSigner;
import io.salus.testkit.chain.Simulation;
import io.salus.testkit.chain.TestChain;
import io.salus.testkit.chain.WithChain;
import io.salus.testkit.data.ConsentFixtures;
import io.salus.testkit.data.KeySpace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * {@code ConsentRegistry.relayBatch} through {@link EvmConsentLedger#relayBatch}: many signed instructions in one
 * transaction, each checked on chain by the function it calls; one the contract refuses fails alone and the contract
 * names it; only a relayer may send a batch.
 */
@WithChain
class ConsentBatchIT {
    private static final String FAILED = EventEncoder.encode(ConsentRegistry.INSTRUCTIONFAILED_EVENT);
    private final KeySpace keys = KeySpace.random();
    private final TestChain chain;
    private final ConsentSigner signer;

    ConsentBatchIT(TestChain chain) {
        this.chain = chain;
        this.signer = chain.signer();
    }

    private Signed<GrantTerms> grantBy(byte[] patientKey) {
        return signer.sign(ConsentFixtures.researchTerms(KeySpace.address(patientKey), Optional.empty()), patientKey);
    }

    @Test
    void aBatchWithOneBadSignature_failsOnlyThatInstruction_theContractNamesIt_andTheOthersAreRecorded()
            throws IOException {
        List<byte[]> patients = IntStream.range(0, 5).mapToObj(i -> keys.key("patient " + i)).toList();
        List<Signed<?>> batch = new ArrayList<>(patients.stream().map(this::grantBy).toList());
        Signed<GrantTerms> honest = grantBy(keys.key("victim"));
        byte[] forged = ConsentSigner.SIGNER.sign(chain.consent().digest(honest), keys.key("forger"));
        batch.add(2, ConsentSigner.withSignature(honest, forged));

        List<Result<Relayed>> outcomes = chain.consent().relayBatch(batch);

        assertThat(outcomes.get(2).failure().code()).isEqualTo(ErrorCode.INVALID_SIGNATURE);
        List<Result<Relayed>> others = new ArrayList<>(outcomes);
        others.remove(2);
        TxRef tx = others.get(0).orElseThrow().tx();
        assertThat(others).allSatisfy(r -> assertThat(r.orElseThrow().tx()).isEqualTo(tx));
        assertThat(others.stream().map(r -> r.orElseThrow().grantId()).distinct()).hasSize(5);
        List<ConsentEvent> events = chain.consent().events(tx.blockNumber(), tx.blockNumber());
        assertThat(events.stream().filter(e -> e instanceof ConsentEvent.GrantRecorded g
                && g.grant().terms().patient().equals(honest.signer()))).isEmpty();
        assertThat(events.stream().filter(e -> e instanceof ConsentEvent.GrantRecorded)).hasSize(5);
        assertThat(failedOnChain(tx)).containsExactly("2:WrongSigner");
        assertThat(chain.consent().grant(grantBy(keys.key("victim"))).isOk())
                .as("the refused instruction did not use up the patient's nonce").isTrue();
    }

    @Test
    void oneSignersConsecutiveGrants_andARevocation_rideOneBatch_inOrder() {
        byte[] patientKey = keys.key("busy patient");
        EvmAddress patient = KeySpace.address(patientKey);
        long existing = chain.consent().grant(grantBy(patientKey)).orElseThrow().grantId();
        long nonce = chain.consent().nextNonce(patient, GrantTerms.class);
        GrantTerms t = ConsentFixtures.researchTerms(patient, Optional.empty());
        List<Signed<?>> batch = List.of(signer.sign(t, patientKey, nonce, signer.inAnHour()),
                signer.sign(t, patientKey, nonce + 1, signer.inAnHour()),
                signer.sign(new Payloads.Revoke(existing), patientKey, nonce + 2, signer.inAnHour()));

        List<Result<Relayed>> outcomes = chain.consent().relayBatch(batch);

        assertThat(outcomes).allSatisfy(r -> assertThat(r.isOk()).isTrue());
        long block = outcomes.get(0).orElseThrow().tx().blockNumber();
        assertThat(outcomes.get(1).orElseThrow().grantId()).isEqualTo(outcomes.get(0).orElseThrow().grantId() + 1);
        assertThat(chain.consent().events(block, block).stream().filter(e -> e instanceof ConsentEvent.GrantRevoked r
                && r.grantId() == existing && r.block() == block)).hasSize(1);
        assertThat(chain.consent().nextNonce(patient, GrantTerms.class)).isEqualTo(nonce + 3);
    }

    @Test
    void staleNoncesAndPassedDeadlines_areRefusedBeforeSending_withTheSingleRelaysCodes() {
        byte[] patientKey = keys.key("late patient");
        EvmAddress patient = KeySpace.address(patientKey);
        chain.consent().grant(grantBy(patientKey)).orElseThrow();
        GrantTerms t = ConsentFixtures.researchTerms(patient, Optional.empty());
        long next = chain.consent().nextNonce(patient, GrantTerms.class);
        long sent = chain.sentBy(chain.deployment().relayer());

        List<Result<Relayed>> outcomes = chain.consent().relayBatch(List.of(
                signer.sign(t, patientKey, next - 1, signer.inAnHour()),
                signer.sign(t, patientKey, next, chain.now().minusSeconds(60))));

        assertThat(outcomes.get(0).failure().code()).isEqualTo(ErrorCode.NONCE_USED);
        assertThat(outcomes.get(1).failure().code()).isEqualTo(ErrorCode.SIGNATURE_EXPIRED);
        assertThat(chain.sentBy(chain.deployment().relayer())).as("nothing was sent").isEqualTo(sent);
    }

    @Test
    void aBatchFromAnAccountThatIsNotARelayer_isRefused_theRelayersIsAccepted() {
        String data = Abi.encode(ConsentRegistry.FUNC_RELAYBATCH, new DynamicArray<>(DynamicBytes.class,
                new DynamicBytes(Numeric.hexStringToByteArray(ConsentCalls.grant(grantBy(keys.key("p")))))));
        EvmAddress registry = chain.contracts().consent().orElseThrow().consentRegistry();
        EvmAddress stranger = keys.address("stranger relayer");
        chain.fund(stranger);

        assertThat(revert(new ChainReads(chain.rpc(), stranger.hex()), registry, data)).contains("NotRelayer");
        assertThat(revert(DirectCalls.reads(chain.deployment(), chain), registry, data)).isEmpty();
    }

    private static Optional<String> revert(ChainReads reads, EvmAddress contract, String data) {
        return Simulation.revertData(() -> reads.revertData(contract, data))
                .map(d -> Reverts.name(d).orElse("unknown revert " + d));
    }

    /** The InstructionFailed events of a transaction: "index:error name". */
    private List<String> failedOnChain(TxRef tx) throws IOException {
        TransactionReceipt receipt = chain.rpc().web3j().ethGetTransactionReceipt(tx.txHash()).send()
                .getTransactionReceipt().orElseThrow();
        List<String> out = new ArrayList<>();
        for (Log l : receipt.getLogs()) {
            if (l.getTopics().get(0).equalsIgnoreCase(FAILED)) {
                byte[] d = Numeric.hexStringToByteArray(l.getData());
                String reason = Numeric.toHexString(Arrays.copyOfRange(d, 64, 68));
                out.add(Numeric.toBigInt(l.getTopics().get(1)) + ":" + Reverts.name(reason).orElse(reason));
            }
        }
        return out;
    }
}
