package io.salus.node.wiring;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.port.AccountStore;
import io.salus.core.port.KeyManager;
import io.salus.core.usecase.AccountService;
import io.salus.node.config.NodeSettings;
import io.salus.platform.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The node operator's account: created on first start; its API token (in {@code <data dir>/operator.token},
 * owner-only) opens accounts. Its key signs nothing on chain (the node's relayer is its own key,
 * {@link NodeSecrets}) and cannot be exported.
 */
record Operator(Account account, Path tokenFile) {

    static Operator ensure(NodeSettings s, AccountStore accounts, KeyManager keys, Clock clock,
            SecureRandom random) {
        Path tokenFile = s.dataDir().resolve("operator.token");
        List<Account> existing = accounts.list(Optional.of(AccountKind.OPERATOR));
        Account account;
        if (existing.isEmpty()) {
            AccountService.Opened opened = new AccountService(accounts, keys, s.chainId(), clock, random)
                    .open(AccountKind.OPERATOR, "Node operator").orElseThrow();
            writeToken(tokenFile, opened.apiToken());
            account = opened.account();
        } else {
            account = existing.get(0);
        }
        return new Operator(account, tokenFile);
    }

    private static void writeToken(Path file, String token) {
        try {
            AtomicFiles.write(file, (token + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the operator token to " + file + ": " + e.getMessage(), e);
        }
    }
}
