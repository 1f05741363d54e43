package io.salus.core.smart;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.error.ErrorCode;
import io.salus.core.smart.SmartScope.Interaction;
import org.junit.jupiter.api.Test;

class ScopesTest {

    @Test
    void v2AndV1PatientScopes_allowTheirInteractions() {
        Scopes s = Scopes.parse("launch/patient patient/Observation.rs patient/Condition.read").orElseThrow();
        assertThat(s.allows("Observation", Interaction.READ)).isTrue();
        assertThat(s.allows("Observation", Interaction.SEARCH)).isTrue();
        assertThat(s.allows("Observation", Interaction.CREATE)).isFalse();
        assertThat(s.allows("Condition", Interaction.SEARCH)).isTrue();
        assertThat(s.allows("Procedure", Interaction.READ)).isFalse();
    }

    @Test
    void aWildcardScope_coversEveryType() {
        Scopes s = Scopes.parse("patient/*.rs").orElseThrow();
        assertThat(s.allows("Immunization", Interaction.READ)).isTrue();
        assertThat(s.allows("Immunization", Interaction.DELETE)).isFalse();
    }

    @Test
    void lettersOutOfCrudsOrderOrRepeated_areInvalid() {
        assertThat(SmartScope.parse("patient/Observation.sr")).isEmpty();
        assertThat(SmartScope.parse("patient/Observation.rr")).isEmpty();
        assertThat(SmartScope.parse("patient/Observation.rx")).isEmpty();
        assertThat(SmartScope.parse("patient/observation.rs")).isEmpty();
    }

    @Test
    void anUnknownScope_isRefused_whileStandardOnesNotServedAreLeftOut() {
        assertThat(Scopes.parse("patient/*.rs admin").failure().code()).isEqualTo(ErrorCode.SMART_INVALID_SCOPE);
        Scopes s = Scopes.parse("openid fhirUser user/*.read patient/*.rs").orElseThrow();
        assertThat(s.names()).containsExactly("patient/*.rs");
    }

    @Test
    void within_keepsOnlyWhatTheClientMayBeGranted() {
        Scopes allowed = Scopes.parse("patient/Observation.rs offline_access").orElseThrow();
        Scopes asked = Scopes.parse("patient/Observation.r patient/Condition.rs offline_access launch/patient")
                .orElseThrow();
        assertThat(asked.within(allowed).names()).containsExactly("patient/Observation.r", "offline_access");
    }

    @Test
    void refreshTokens_areIssuedOnlyForOfflineOrOnlineAccess() {
        assertThat(Scopes.parse("patient/*.rs").orElseThrow().wantsRefresh()).isFalse();
        assertThat(Scopes.parse("patient/*.rs online_access").orElseThrow().wantsRefresh()).isTrue();
    }
}
