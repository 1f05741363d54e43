package io.salus.chain.consent;

import io.salus.chain.ConsentAddresses;
import io.salus.chain.consent.internal.ConsentCalls;
import io.salus.chain.internal.ChainReads;
import io.salus.chain.internal.Reverts;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.GrantTerms;
import io.salus.core.consent.Payloads;
import io.salus.core.consent.Signed;
import io.salus.testkit.chain.Deployment;
import io.salus.testkit.chain.Simulation;
import io.salus.testkit.chain.TestChain;
import java.util.Optional;

/** Signed consent instructions sent straight to the contracts (simulated, no pre-flight): how they revert. */
final class DirectCalls {
    private DirectCalls() {
    }

    /** The custom error a direct call reverts with, empty if the contract accepts it. */
    @SuppressWarnings("unchecked")
    static Optional<String> revertOf(TestChain chain, Signed<?> s) {
        ConsentAddresses c = chain.contracts().consent().orElseThrow();
        Object p = s.payload();
        if (p instanceof GrantTerms) {
            return revertOf(chain, c.consentRegistry(), ConsentCalls.grant((Signed<GrantTerms>) s));
        }
        if (p instanceof Payloads.Revoke) {
            return revertOf(chain, c.consentRegistry(), ConsentCalls.revoke((Signed<Payloads.Revoke>) s));
        }
        if (p instanceof Payloads.Delegate) {
            return revertOf(chain, c.consentRegistry(), ConsentCalls.delegate((Signed<Payloads.Delegate>) s));
        }
        if (p instanceof Payloads.Attest) {
            return revertOf(chain, c.issuerRegistry(), ConsentCalls.attest((Signed<Payloads.Attest>) s));
        }
        if (p instanceof Payloads.RevokeAttestation) {
            return revertOf(chain, c.issuerRegistry(),
                    ConsentCalls.revokeAttestation((Signed<Payloads.RevokeAttestation>) s));
        }
        throw new IllegalArgumentException("no consent call for " + p.getClass());
    }

    /** The custom error a direct call of {@code contract} from the relayer reverts with, empty if it accepts. */
    static Optional<String> revertOf(TestChain chain, EvmAddress contract, String data) {
        ChainReads reads = reads(chain.deployment(), chain);
        return Simulation.revertData(() -> reads.revertData(contract, data))
                .map(d -> Reverts.name(d).orElse("unknown revert " + d));
    }

    static ChainReads reads(Deployment d, TestChain chain) {
        return new ChainReads(chain.rpc(), d.relayer().hex());
    }
}
