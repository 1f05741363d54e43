package io.salus.core.usecase.emergency;

import io.salus.core.account.Account;
import io.salus.core.emergency.BreakGlassAccess;
import io.salus.core.emergency.EmergencyNotice;
import io.salus.core.monitoring.Recipient;
import io.salus.core.monitoring.Recipients;
import io.salus.core.port.AccountStore;
import io.salus.core.usecase.monitoring.PatientDelegations;
import java.util.ArrayList;
import java.util.List;

/**
 * Who hears of an emergency access, and what: the patient and each delegate whose delegation includes
 * RECEIVE_ALERTS now ({@link Recipients}, as monitoring alerts are addressed, read at the chain head), each told who
 * opened what, on which credential, why and until when. Thread-safe.
 */
public final class EmergencyNotices {
    private final AccountStore accounts;
    private final PatientDelegations delegations;

    public EmergencyNotices(AccountStore accounts, PatientDelegations delegations) {
        this.accounts = accounts;
        this.delegations = delegations;
    }

    public List<EmergencyNotice> of(BreakGlassAccess access, Account responder, Account patient) {
        String text = "Emergency access to " + patient.displayName() + "'s allergies, medications, conditions, blood "
                + "type and contacts by " + responder.displayName() + " (" + responder.kind() + ", "
                + access.credentialType() + " credential) at " + access.openedAt() + ", readable until "
                + access.expiresAt() + ". Reason given: \"" + access.justification() + "\". It will be reviewed; "
                + "access " + access.id() + ".";
        List<EmergencyNotice> out = new ArrayList<>();
        for (Recipient r : Recipients.resolve(patient.address(), delegations.of(patient.address()), List.of(),
                access.openedAt())) {
            accounts.findByAddress(r.address()).ifPresent(a -> out.add(new EmergencyNotice(access.id(), a.id(),
                    r.role(), patient.id(), access.openedAt(), text)));
        }
        return out;
    }
}
