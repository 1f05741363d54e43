package io.salus.chain.dao;

import io.salus.chain.dao.internal.DaoCalls;
import io.salus.chain.internal.Abi;
import io.salus.chain.internal.TxSender;
import io.salus.contracts.generated.DaoGovernor;
import io.salus.contracts.generated.DaoMembership;
import io.salus.contracts.generated.DaoPolicy;
import io.salus.contracts.generated.DaoTimelock;
import io.salus.core.account.EvmAddress;
import io.salus.core.dao.DaoCharter;
import io.salus.core.dao.DaoContracts;
import io.salus.core.dao.DaoGovernance;
import io.salus.core.dao.DaoTerms;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Founds a DAO: deploys its timelock (the founder its temporary admin), membership, policy (owned by the timelock) and
 * governor; makes the governor the timelock's only proposer and canceller, lets the founder admit by credential (a
 * credential DAO), and renounces the founder's admin role on the timelock, so that from then on only passed
 * proposals change the policy or spend the treasury. Stateless.
 */
public final class DaoDeployment {
    private DaoDeployment() {
    }

    public static DaoContracts deploy(TxSender founder, DaoCharter c, EvmAddress token, Optional<EvmAddress> gate) {
        EvmAddress self = new EvmAddress(founder.from());
        DaoGovernance g = c.governance();
        EvmAddress timelock = deployed(founder, DaoTimelock.BINARY + Abi.encodeConstructor(
                new Uint256(g.timelockDelay().toSeconds()), new Address(self.hex())));
        EvmAddress membership = deployed(founder, DaoMembership.BINARY + Abi.encodeConstructor(
                new Utf8String(c.name()), new Address(gate.map(EvmAddress::hex).orElse(Address.DEFAULT.toString())),
                new Uint256(c.scope().orElse(BigInteger.ZERO)), new Address(self.hex())));
        DaoTerms t = c.terms();
        EvmAddress policy = deployed(founder, DaoPolicy.BINARY + Abi.encodeConstructor(new Address(timelock.hex()),
                new DaoPolicy.Terms(big(t.floorPrice()), big(t.consumerTypes()), big(t.purposes()),
                        big(t.maxEpsilonMilli()), big(t.shareBps()))));
        EvmAddress governor = deployed(founder, DaoGovernor.BINARY + Abi.encodeConstructor(new Utf8String(c.name()),
                new Address(membership.hex()), new Address(policy.hex()), new Address(token.hex()),
                new Address(timelock.hex()), new DaoGovernor.Settings(big(g.votingDelay().toSeconds()),
                        big(g.votingPeriod().toSeconds()), big(g.quorumVotes()), big(g.creditsPerPeriod()),
                        big(g.creditPeriod().toSeconds()))));
        founder.send(timelock.hex(), DaoCalls.grantRole(DaoCalls.PROPOSER_ROLE, governor));
        founder.send(timelock.hex(), DaoCalls.grantRole(DaoCalls.CANCELLER_ROLE, governor));
        founder.send(timelock.hex(), DaoCalls.renounceRole(DaoCalls.DEFAULT_ADMIN_ROLE, self));
        if (!c.byProof()) {
            founder.send(membership.hex(), DaoCalls.grantRole(DaoCalls.ADMITTER_ROLE, self));
        }
        return new DaoContracts(membership, policy, governor, timelock);
    }

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    private static EvmAddress deployed(TxSender sender, String binary) {
        return new EvmAddress(sender.send(null, "0x" + binary).getContractAddress());
    }
}
