package io.salus.chain.deals;

import io.salus.chain.DealAddresses;
import io.salus.chain.EvmLedger;
import io.salus.chain.deals.internal.DealCalls;
import io.salus.chain.internal.ChainAccess;
import io.salus.chain.internal.Reverts;
import io.salus.chain.internal.TxSender;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.deal.SplitPolicy;
import io.salus.core.error.Result;
import io.salus.core.error.SalusException;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * Administrative changes of the deal contracts, made the only way the contracts accept them: scheduled on the
 * DealTimelock by its proposer (the admin key), visible on chain, and executed once the timelock's delay has passed.
 * A change is a target and its call: the payees or a matcher on DataDeals, the split policy on DealPolicy. Executing
 * early reverts ({@code TimelockUnexpectedOperationState}); calling the target directly reverts
 * ({@code AccessControlUnauthorizedAccount}). The timelock's refusals are {@code FORBIDDEN} ({@link Reverts#DEAL_ADMIN}).
 * Thread-safe.
 */
public final class EvmDealAdmin {
    /** The role id of DataDeals' matcher. */
    public static final Hash32 MATCHER_ROLE = Hashing.keccak256("MATCHER_ROLE".getBytes(StandardCharsets.US_ASCII));

    private final TxSender admin;
    private final DealAddresses contracts;

    private EvmDealAdmin(TxSender admin, DealAddresses contracts) {
        this.admin = admin;
        this.contracts = contracts;
    }

    /** The admin on the ledger's connection, signing with {@code adminKey}, funded with gas by {@code gasFunder}. */
    public static EvmDealAdmin on(EvmLedger ledger, byte[] adminKey, Consumer<EvmAddress> gasFunder) {
        ChainAccess access = ledger.access();
        DealAddresses deals = access.contracts().deals().orElseThrow(
                () -> new SalusException("the deal contracts are not configured"));
        Credentials c = Credentials.create(ECKeyPair.create(adminKey));
        gasFunder.accept(new EvmAddress(c.getAddress()));
        return new EvmDealAdmin(access.sender().forAccount(c), deals);
    }

    /** A change of the contracts: which contract, and the call. */
    public record Change(EvmAddress target, String data, Hash32 salt) {
    }

    public Change payees(EvmAddress daoTreasury, EvmAddress operator, Hash32 salt) {
        return new Change(contracts.dataDeals(), DealCalls.setPayees(daoTreasury, operator), salt);
    }

    public Change matcher(EvmAddress matcher, Hash32 salt) {
        return new Change(contracts.dataDeals(), DealCalls.grantRole(MATCHER_ROLE, matcher), salt);
    }

    public Change policy(SplitPolicy policy, Hash32 salt) {
        return new Change(contracts.dealPolicy(), DealCalls.setPolicy(policy), salt);
    }

    /**
     * Schedules a change to take effect after {@code delay}; {@code FORBIDDEN} if the timelock refuses it (a delay
     * under its minimum, a change scheduled already, a key that is not its proposer).
     */
    public Result<TxRef> schedule(Change c, Duration delay) {
        return send(DealCalls.schedule(c.target(), c.data(), c.salt(), delay.toSeconds()));
    }

    /** Executes a scheduled change; {@code FORBIDDEN} if its delay has not passed or it was never scheduled. */
    public Result<TxRef> execute(Change c) {
        return send(DealCalls.execute(c.target(), c.data(), c.salt()));
    }

    private Result<TxRef> send(String data) {
        synchronized (admin) {
            return Reverts.DEAL_ADMIN.send(admin, contracts.timelock(), data).map(TxSender::ref);
        }
    }

    public EvmAddress address() {
        return new EvmAddress(admin.from());
    }
}
