package io.salus.core.monitoring;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.DelegationScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who an alert goes to at a given time, in escalation order: the patient first; then each delegate whose latest
 * delegation from the patient includes {@link DelegationScope#RECEIVE_ALERTS} and is still valid at that time (oldest
 * delegation first, then by address); then the providers the patient chose for alerts, in the patient's order. A
 * delegation for another patient, or one the patient later replaced or revoked (scopes 0), does not count; nobody is
 * listed twice. Pure and stateless.
 */
public final class Recipients {
    private Recipients() {
    }

    public static List<Recipient> resolve(EvmAddress patient, List<Delegation> delegations,
            List<EvmAddress> chosenProviders, Instant at) {
        Map<EvmAddress, Delegation> latest = new HashMap<>();
        for (Delegation d : delegations) {
            if (d.patient().equals(patient) && !d.delegate().equals(patient)) {
                latest.merge(d.delegate(), d, (a, b) -> b.atBlock() >= a.atBlock() ? b : a);
            }
        }
        List<Recipient> out = new ArrayList<>();
        Set<EvmAddress> listed = new LinkedHashSet<>();
        out.add(new Recipient(patient, Recipient.Role.PATIENT));
        listed.add(patient);
        latest.values().stream().filter(d -> d.allows(DelegationScope.RECEIVE_ALERTS, at))
                .sorted(Comparator.comparingLong(Delegation::atBlock).thenComparing(d -> d.delegate().hex()))
                .forEach(d -> {
                    if (listed.add(d.delegate())) {
                        out.add(new Recipient(d.delegate(), Recipient.Role.DELEGATE));
                    }
                });
        for (EvmAddress p : chosenProviders) {
            if (listed.add(p)) {
                out.add(new Recipient(p, Recipient.Role.PROVIDER));
            }
        }
        return List.copyOf(out);
    }
}
