package io.salus.store;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.deal.Payout;
import io.salus.core.deal.ProviderShare;
import io.salus.core.deal.StagedPackage;
import io.salus.core.fdeal.StoredPart;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.FederatedPartStore;
import io.salus.store.internal.Transactions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Federated deals' state at this node in PostgreSQL ({@code federated_deal}, {@code federated_part}, migration V145).
 * A part's payouts are kept one per line ({@code pseudonym|patient|caregiver or -|provider:weight,...}); its content
 * key is not kept (the package is served only with the key the chain released). Thread-safe.
 */
public final class PostgresFederatedPartStore implements FederatedPartStore {
    private static final HexFormat HEX = HexFormat.of();
    private final Transactions tx;

    public PostgresFederatedPartStore(Jdbi jdbi) {
        this.tx = new Transactions(jdbi);
    }

    @Override
    public void opened(Hash32 dealId, AccountId consumer, EvmAddress contract) {
        tx.inTransaction("record an opened federated deal", h -> h.createUpdate("""
                INSERT INTO federated_deal (deal_id, consumer, contract) VALUES (:id, :consumer, :contract)
                ON CONFLICT (deal_id) DO NOTHING""").bind("id", dealId.hex()).bind("consumer", consumer.value())
                .bind("contract", contract.hex()).execute());
    }

    @Override
    public Optional<Opened> openedDeal(Hash32 dealId) {
        return tx.inTransaction("read an opened federated deal", h -> h.createQuery(
                "SELECT consumer, contract FROM federated_deal WHERE deal_id = :id").bind("id", dealId.hex())
                .map((rs, ctx) -> new Opened(dealId, new AccountId(rs.getObject("consumer", UUID.class)),
                        new EvmAddress(rs.getString("contract"))))
                .findOne());
    }

    @Override
    public void staged(StoredPart p) {
        tx.inTransaction("store a staged federated part", h -> h.createUpdate("""
                INSERT INTO federated_part (deal_id, contract, home, consumer, released, cap, payouts, plaintext_hash,
                    ciphertext_hash, package_bytes, patients, wrapped_key)
                VALUES (:id, :contract, :home, :consumer, :released, :cap, :payouts, :plain, :cipher, :bytes,
                    :patients, :key)
                ON CONFLICT (deal_id) DO NOTHING""").bind("id", p.dealId().hex()).bind("contract", p.contract().hex())
                .bind("home", p.home().hex()).bind("consumer", p.consumer().hex()).bind("released", p.released())
                .bind("cap", p.cap()).bind("payouts", encode(p.payouts()))
                .bind("plain", p.staged().plaintextKeccak().hex()).bind("cipher", p.staged().ciphertextSha256().hex())
                .bind("bytes", p.staged().bytes()).bind("patients", p.staged().patients())
                .bind("key", HEX.formatHex(p.staged().wrappedKey())).execute());
    }

    @Override
    public void settled(Hash32 dealId) {
        tx.inTransaction("mark a federated part settled", h -> h.createUpdate(
                "UPDATE federated_part SET settled = true WHERE deal_id = :id").bind("id", dealId.hex()).execute());
    }

    @Override
    public Optional<StoredPart> part(Hash32 dealId) {
        return tx.inTransaction("read a federated part", h -> h.createQuery(
                "SELECT * FROM federated_part WHERE deal_id = :id").bind("id", dealId.hex())
                .map((rs, ctx) -> new StoredPart(dealId, new EvmAddress(rs.getString("contract")),
                        new EvmAddress(rs.getString("home")), new EvmAddress(rs.getString("consumer")),
                        rs.getString("released"), rs.getInt("cap"), decode(rs.getString("payouts")),
                        new StagedPackage(Hash32.fromHex(rs.getString("plaintext_hash")),
                                Hash32.fromHex(rs.getString("ciphertext_hash")), rs.getLong("package_bytes"),
                                rs.getInt("patients"), new byte[0], HEX.parseHex(rs.getString("wrapped_key"))),
                        rs.getBoolean("settled")))
                .findOne());
    }

    static String encode(List<Payout> payouts) {
        return payouts.stream().map(p -> p.pseudonym().hex() + "|" + p.patient().hex() + "|"
                + p.caregiver().map(EvmAddress::hex).orElse("-") + "|" + p.providers().stream()
                        .map(s -> s.provider().hex() + ":" + s.weight()).collect(Collectors.joining(",")))
                .collect(Collectors.joining("\n"));
    }

    static List<Payout> decode(String text) {
        List<Payout> out = new ArrayList<>();
        for (String line : text.isEmpty() ? new String[0] : text.split("\n")) {
            String[] f = line.split("\\|", -1);
            List<ProviderShare> providers = new ArrayList<>();
            for (String s : f[3].isEmpty() ? new String[0] : f[3].split(",")) {
                String[] pw = s.split(":");
                providers.add(new ProviderShare(new EvmAddress(pw[0]), Integer.parseInt(pw[1])));
            }
            out.add(new Payout(Hash32.fromHex(f[0]), new EvmAddress(f[1]), f[2].equals("-")
                    ? Optional.empty()
                    : Optional.of(new EvmAddress(f[2])), providers));
        }
        return out;
    }
}
