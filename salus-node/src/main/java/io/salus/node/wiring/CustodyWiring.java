package io.salus.node.wiring;

import io.salus.chain.consent.EvmSigner;
import io.salus.core.custody.DeviceReads;
import io.salus.core.custody.SelfCustodySignUp;
import io.salus.store.PostgresCustodyStore;
import java.security.SecureRandom;
import java.time.Clock;

/** Wires self-custody (docs/custody.md): sign-up from device-held keys and the device's reads. */
record CustodyWiring(SelfCustodySignUp signUp, DeviceReads reads) {

    static CustodyWiring wire(long chainId, Storage storage, Clock clock, SecureRandom random) {
        PostgresCustodyStore store = new PostgresCustodyStore(storage.jdbi(), clock);
        EvmSigner signatures = new EvmSigner();
        return new CustodyWiring(new SelfCustodySignUp(store, storage.accounts(), signatures::recover, chainId, clock,
                random), new DeviceReads(storage.records(), store));
    }
}
