package io.salus.fhir.server;

import io.salus.core.account.Account;
import io.salus.core.consent.Purpose;
import io.salus.core.smart.Scopes;
import io.salus.core.smart.SmartScope;
import java.util.Optional;

/**
 * Who calls the FHIR API: an account with its API token (no scope limits; non-owners are decided by the decision
 * point for {@code purpose}), or a SMART app with an access token (acts for its patient, within its scopes).
 *
 * @param client
 *            the SMART client id, empty for an API token
 * @param scopes
 *            the SMART scopes, empty for an API token
 */
public record FhirCaller(Account account, Optional<Purpose> purpose, Optional<String> client,
        Optional<Scopes> scopes) {

    public static FhirCaller apiToken(Account account, Optional<Purpose> purpose) {
        return new FhirCaller(account, purpose, Optional.empty(), Optional.empty());
    }

    /** Whether the caller's scopes (if any) allow the interaction on the type. */
    public boolean allows(String resourceType, SmartScope.Interaction interaction) {
        return scopes.map(s -> s.allows(resourceType, interaction)).orElse(true);
    }

    /** What binds later pages of a search to this caller: the account and the client (or the API token). */
    public String binding() {
        return account.id() + "|" + client.orElse("api");
    }
}
