package io.salus.core.usecase.fdeal;

import io.salus.core.account.Account;
import io.salus.core.account.EvmAddress;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.fdeal.FederatedDealState;
import io.salus.core.fdeal.FederatedPart;
import io.salus.core.federation.Member;
import io.salus.core.federation.MemberDirectory;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.FederatedDealLedgers;
import io.salus.core.port.FederatedPartStore;
import io.salus.core.port.PartClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the consumer downloads of a federated deal at its home node (decision 0035): the manifest, read from the chain
 * (every member that committed a part: its organisation, part root, allotment, patients paid, what they were paid,
 * the part's package hashes and whether its key was released; the escrow left), and each settled part's package,
 * fetched from its member over the signed channel with its key slot filled from the chain. Only the deal's consumer
 * reads them. Thread-safe.
 */
public final class FederatedManifest {
    private final FederatedPartStore store;
    private final FederatedDealLedgers ledgers;
    private final MemberDirectory directory;
    private final FederatedPartDelivery self;
    private final PartClient client;
    private final EvmAddress node;

    public FederatedManifest(FederatedPartStore store, FederatedDealLedgers ledgers, MemberDirectory directory,
            FederatedPartDelivery self, PartClient client, EvmAddress node) {
        this.store = store;
        this.ledgers = ledgers;
        this.directory = directory;
        this.self = self;
        this.client = client;
        this.node = node;
    }

    /** One part in the manifest. */
    public record Entry(EvmAddress member, String organisation, FederatedPart part, long paid, boolean keyReleased) {
    }

    public record Manifest(Hash32 dealId, EvmAddress contract, FederatedDealState deal, List<Entry> parts) {
        public Manifest {
            parts = List.copyOf(parts);
        }
    }

    public Result<Manifest> manifest(Account consumer, Hash32 dealId) {
        return mine(consumer, dealId).flatMap(opened -> ledgers.at(opened.contract()).flatMap(ledger -> {
            Optional<FederatedDealState> deal = ledger.deal(dealId);
            if (deal.isEmpty()) {
                return Result.fail(ErrorCode.FDEAL_NOT_FOUND, "deal " + dealId + " is not on chain");
            }
            long price = deal.get().terms().pricePerPatient();
            List<Entry> entries = new ArrayList<>();
            for (Member m : directory.members()) {
                FederatedPart p = ledger.part(dealId, m.node());
                if (p.status() != FederatedPart.Status.NONE) {
                    entries.add(new Entry(m.node(), m.organisation(), p, price * p.paid(),
                            p.status() == FederatedPart.Status.SETTLED));
                }
            }
            return Result.ok(new Manifest(dealId, opened.contract(), deal.get(), entries));
        }));
    }

    /** A settled part's package (its member's ciphertext with the released key in its slot). */
    public Result<byte[]> partPackage(Account consumer, Hash32 dealId, EvmAddress member) {
        return mine(consumer, dealId).flatMap(opened -> {
            Optional<Member> m = directory.member(member);
            if (m.isEmpty()) {
                return Result.fail(ErrorCode.FDEAL_NOT_FOUND, "no member " + member);
            }
            return member.equals(node)
                    ? self.partPackage(m.get(), node, dealId)
                    : client.partPackage(m.get(), member, dealId);
        });
    }

    private Result<FederatedPartStore.Opened> mine(Account consumer, Hash32 dealId) {
        return store.openedDeal(dealId)
                .filter(o -> o.consumer().equals(consumer.id())).<Result<FederatedPartStore.Opened>>map(Result::ok)
                .orElseGet(() -> Result.fail(ErrorCode.FDEAL_NOT_FOUND, "no federated deal " + dealId
                        + " of this consumer here"));
    }
}
