package io.salus.node.fhir;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.deal.DealStatus;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import io.salus.crypto.TinkKeyManager;
import io.salus.node.market.DealRecord;
import io.salus.node.market.Deals;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place the FHIR Group export touches the marketplace: a deal is exportable by the consumer who bought it
 * once it is settled (the node's record and the chain agree), and its export is exactly its delivered package (the
 * de-identified NDJSON, opened with the consumer's custodial key). Group ids are deal ids, with or without
 * {@code 0x}. Thread-safe.
 */
final class SettledDealExports {
    private final Deals deals;
    private final AccountStore accounts;
    private final TinkKeyManager keys;

    SettledDealExports(Deals deals, AccountStore accounts, TinkKeyManager keys) {
        this.deals = deals;
        this.accounts = accounts;
        this.keys = keys;
    }

    /** The deal id if the caller may export it, else {@link ErrorCode#BULK_GROUP_UNAVAILABLE}. */
    Result<String> check(Account consumer, String groupId) {
        String id = groupId == null ? "" : groupId.toLowerCase(Locale.ROOT);
        String dealId = id.startsWith("0x") ? id : "0x" + id;
        if (consumer.kind() == AccountKind.OPERATOR) {
            return unavailable(groupId);
        }
        Result<DealRecord> d = deals.find(consumer, dealId);
        if (!d.isOk() || !"SETTLED".equals(d.orElseThrow().status())
                || !d.orElseThrow().consumerId().equals(consumer.id().toString())
                || deals.chainState(dealId).filter(s -> s.status() == DealStatus.SETTLED).isEmpty()) {
            return unavailable(groupId);
        }
        return Result.ok(dealId);
    }

    /** The delivered package, opened: a zip of NDJSON files and a manifest. */
    Result<byte[]> deliveredPackage(Account consumer, String dealId) {
        Optional<AccountStore.SealedKeys> sealed = accounts.sealedKeys(consumer.id());
        if (sealed.isEmpty()) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the node holds no key for this consumer");
        }
        return check(consumer, dealId).flatMap(id -> deals.packageBytes(consumer, id))
                .flatMap(bytes -> keys.openPackage(bytes, sealed.get().encryptionPrivateKey()));
    }

    private static <T> Result<T> unavailable(String groupId) {
        return Result.fail(ErrorCode.BULK_GROUP_UNAVAILABLE, "Group " + groupId
                + " is not a settled deal bought by this account");
    }
}
