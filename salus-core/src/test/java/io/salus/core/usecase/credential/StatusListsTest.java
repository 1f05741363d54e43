package io.salus.core.usecase.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.AccountId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StatusListsTest {
    private final AccountId issuer = new AccountId(UUID.fromString("7d8f2a9e-1b3c-4d5e-8f60-718293a4b5c6"));

    @Test
    void anIssuersStatusListUri_namesTheIssuerAccountUnderTheNodesBase() {
        String uri = StatusLists.uri("http://127.0.0.1:7070", issuer);

        assertThat(uri).isEqualTo("http://127.0.0.1:7070/status-lists/7d8f2a9e-1b3c-4d5e-8f60-718293a4b5c6");
        assertThat(StatusLists.issuerOf(uri)).hasValue(issuer);
    }

    @Test
    void theIssuerIsReadFromThePathWhateverTheHostWasWhenTheCredentialWasIssued() {
        assertThat(StatusLists.issuerOf("https://bank.example/api/status-lists/" + issuer)).hasValue(issuer);
    }

    @Test
    void aUriThatIsNoStatusListOfThisNode_namesNoIssuer() {
        assertThat(StatusLists.issuerOf("https://elsewhere.example/lists/" + issuer)).isEmpty();
        assertThat(StatusLists.issuerOf("http://127.0.0.1:7070/status-lists/not-a-uuid")).isEmpty();
        assertThat(StatusLists.issuerOf(null)).isEmpty();
    }
}
