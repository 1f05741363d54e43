package io.salus.core.account;

import io.salus.core.merkle.Hash32;
import io.salus.core.port.KeyManager.AccountKeys;

/** An account to create, with its KEK-encrypted keys and the hash of its API token (the token itself is not kept). */
public record NewAccount(Account account, AccountKeys keys, Hash32 apiTokenHash) {
}
