package io.salus.node.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.salus.core.merkle.Hashing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the chain's record of two deals that paid the same patients (every event and every transaction's input:
 * posts, commitments, settlements) never names a patient's registered address or its hash; each patient is paid in
 * each deal at a claim address of its own, so the two deals cannot be joined on a patient either; only the node,
 * which derives the claim addresses from its secret, ties the payments to the patient.
 */
class DealEventUnlinkabilityIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theEventsAndTransactionsOfADeal_cannotBeJoinedToAPatientsAddress_withoutTheNodesKey() throws Exception {
        DealWorld world = new DealWorld(new Api(TestNodes.shared()), "Unlinkable");
        int base = DealWorld.freshBase();
        List<Api.Acct> patients = world.cohort("Unlinkable patient", base, 14, 100);
        Set<String> txs = new HashSet<>();
        for (int deal = 0; deal < 2; deal++) {
            String id = world.postOk(DealWorld.deal(base, 20, Instant.now().plus(1, ChronoUnit.HOURS)));
            world.match(id, "4").then().statusCode(200).body("status", equalTo("MATCHED"));
            world.deliver(id).then().statusCode(200).body("status", equalTo("SETTLED"));
            List<Map<String, Object>> sent = world.asLab("/deals/" + id).then().extract().path("transactions");
            sent.forEach(t -> txs.add((String) t.get("txHash")));
        }

        StringBuilder chainRecord = new StringBuilder();
        for (String tx : txs) {
            JsonNode receipt = rpc("eth_getTransactionReceipt", tx);
            for (JsonNode log : receipt.path("logs")) {
                log.path("topics").forEach(t -> chainRecord.append(t.asText()).append('\n'));
                chainRecord.append(log.path("data").asText()).append('\n');
            }
            chainRecord.append(rpc("eth_getTransactionByHash", tx).path("input").asText()).append('\n');
        }
        String record = chainRecord.toString().toLowerCase(Locale.ROOT);
        for (Api.Acct p : patients) {
            String address = p.address().substring(2).toLowerCase(Locale.ROOT);
            String hashed = Hashing.keccak256(HexFormat.of().parseHex(address)).hex().substring(2);
            assertThat(record).as("the registered address of a patient").doesNotContain(address);
            assertThat(record).as("the hash of a patient's address").doesNotContain(hashed);
            List<Map<String, Object>> payments = cast(world.earnings(p).get("payments"));
            assertThat(payments).as("the node ties both deals' payments to the patient").hasSize(2);
            assertThat(payments.stream().map(m -> m.get("payee")).distinct()).as("a claim address per deal")
                    .hasSize(2);
            payments.forEach(m -> assertThat(record).contains(((String) m.get("payee")).substring(2)));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    private static JsonNode rpc(String method, String param) throws Exception {
        String url = TestNodes.shared().localChain().orElseThrow().rpcUrl();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[\"" + param + "\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("result");
    }
}
