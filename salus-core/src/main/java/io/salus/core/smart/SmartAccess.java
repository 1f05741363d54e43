package io.salus.core.smart;

import io.salus.core.account.Account;
import java.util.UUID;

/** A valid access token's meaning: the patient it acts for, the client and the granted scopes. */
public record SmartAccess(Account patient, String clientId, Scopes scopes, UUID grantId, String tokenId) {
}
