package io.salus.core.smart;

/**
 * A checked authorization request (the client exists, the redirect URI is registered, PKCE S256 is used, the scopes
 * are within what the client may be granted), waiting for the patient's approval.
 */
public record AuthorizationRequest(SmartClient client, String redirectUri, Scopes scopes, String state,
        String codeChallenge) {
}
