package io.salus.core.usecase.credential;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.port.AccountStore;
import io.salus.core.port.CredentialStore;
import java.util.Optional;

/**
 * Where the node publishes each issuer's status list ({@code <base>/status-lists/<issuer account id>}) and how it
 * reads one back locally: a URI resolves by its {@code /status-lists/<id>} path to the token this node stores, never
 * by a network fetch (the node verifies presentations of credentials whose status lists it publishes). Thread-safe.
 */
public final class StatusLists {
    private static final String PATH = "/status-lists/";
    private final CredentialStore store;
    private final AccountStore accounts;

    public StatusLists(CredentialStore store, AccountStore accounts) {
        this.store = store;
        this.accounts = accounts;
    }

    static String uri(String baseUrl, AccountId issuer) {
        return baseUrl + PATH + issuer;
    }

    /** The issuer account whose status list a URI names (by its {@code /status-lists/<id>} path). */
    static Optional<AccountId> issuerOf(String uri) {
        int at = uri == null ? -1 : uri.lastIndexOf(PATH);
        return at < 0 ? Optional.empty() : AccountId.parse(uri.substring(at + PATH.length()));
    }

    /** The token published at a status list URI of this node. */
    public Optional<String> token(String uri) {
        return issuerOf(uri).flatMap(accounts::find).flatMap(a -> store.statusList(a.address()));
    }

    /** The issuer's current signed status list token. */
    public Optional<String> token(EvmAddress issuer) {
        return store.statusList(issuer);
    }
}
