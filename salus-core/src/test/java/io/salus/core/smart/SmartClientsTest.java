package io.salus.core.smart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmartClientsTest {

    @Test
    void redirectUris_mustBeHttpsOrLoopbackHttpWithoutFragments() {
        assertThat(SmartClients.acceptable("https://app.example/callback?x=1")).isTrue();
        assertThat(SmartClients.acceptable("http://127.0.0.1:8080/cb")).isTrue();
        assertThat(SmartClients.acceptable("http://localhost/cb")).isTrue();
        assertThat(SmartClients.acceptable("http://app.example/cb")).isFalse();
        assertThat(SmartClients.acceptable("https://app.example/cb#frag")).isFalse();
        assertThat(SmartClients.acceptable("javascript:alert(1)")).isFalse();
        assertThat(SmartClients.acceptable("https://app.example/cb\"><script>")).isFalse();
        assertThat(SmartClients.acceptable("/relative")).isFalse();
    }
}
