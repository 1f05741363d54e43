package io.salus.node.fhir;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.deal.DealStatus;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AccountStore;
import io.salus.core.port.PackageOpener;
import io.salus.core.usecase.deal.DealQueries;
import java.util.Optional;

/**
 * The one place the FHIR Group export touches the marketplace: a deal is exportable by the consumer who bought it
 * once it is settled (the node's record and the chain agree), and its export is exactly its delivered package (the
 * de-identified NDJSON, opened with the consumer's custodial key). Group ids are deal ids, with or without
 * {@code 0x}. Thread-safe.
 */
final class SettledDealExports {
    private final DealQueries deals;
    private final AccountStore accounts;
    private final PackageOpener keys;

    SettledDealExports(DealQueries deals, AccountStore accounts, PackageOpener keys) {
        this.deals = deals;
        this.accounts = accounts;
        this.keys = keys;
    }

    /** The deal id if the caller may export it, else {@link ErrorCode#BULK_GROUP_UNAVAILABLE}. */
    Result<String> check(Account consumer, String groupId) {
        Optional<Hash32> id = dealId(groupId);
        if (consumer.kind() == AccountKind.OPERATOR || id.isEmpty()) {
            return unavailable(groupId);
        }
        Result<DealQueries.View> d = deals.find(consumer, id.get());
        if (!d.isOk() || !d.orElseThrow().deal().consumer().equals(consumer.id())
                || d.orElseThrow().chain().filter(s -> s.status() == DealStatus.SETTLED).isEmpty()) {
            return unavailable(groupId);
        }
        return Result.ok(id.get().hex());
    }

    /** The delivered package, opened with the key the chain released: a zip of NDJSON files and a manifest. */
    Result<byte[]> deliveredPackage(Account consumer, String dealId) {
        Optional<AccountStore.SealedKeys> sealed = accounts.sealedKeys(consumer.id());
        if (sealed.isEmpty()) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the node holds no key for this consumer");
        }
        return check(consumer, dealId).flatMap(id -> deals.packageBytes(consumer, Hash32.fromHex(id)))
                .flatMap(bytes -> keys.openPackage(bytes, sealed.get().encryptionPrivateKey()));
    }

    private static Optional<Hash32> dealId(String groupId) {
        try {
            return Optional.of(Hash32.fromHex(groupId == null ? "" : groupId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static <T> Result<T> unavailable(String groupId) {
        return Result.fail(ErrorCode.BULK_GROUP_UNAVAILABLE, "Group " + groupId
                + " is not a settled deal bought by this account");
    }
}
