package io.salus.node.http;

import io.salus.core.port.RecordStore;
import io.salus.core.usecase.AccountService;
import io.salus.core.usecase.DepositService;
import io.salus.core.usecase.PublicVerifier;
import io.salus.core.usecase.RecordService;
import java.util.Map;
import java.util.function.Supplier;

/** What the HTTP API needs from the wired node. */
public record ApiServices(AccountService accounts, DepositService deposits, RecordService records,
        PublicVerifier verifier, RecordStore recordStore, Supplier<Map<String, Object>> health,
        long maxBodyBytes, ConsentApi consent, io.salus.core.port.AccountStore accountStore,
        io.salus.crypto.TinkKeyManager keys, io.salus.node.market.MarketApi market, DelegationApi delegation,
        ErasureApi erasure, io.salus.node.web.consumer.CodeSource codes,
        io.salus.node.credential.CredentialApi credentials, RecoveryApi recovery) {
}
