package io.salus.core.monitoring;

import static io.salus.core.monitoring.MonitoringFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.DelegationScope;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecipientsTest {
    static final EvmAddress HOLDER = addr(1); // the patient
    static final EvmAddress DAUGHTER = addr(2);
    static final EvmAddress NEIGHBOUR = addr(3);
    static final EvmAddress GP = addr(4);
    static final EvmAddress CARDIOLOGIST = addr(5);
    static final int ALERTS = DelegationScope.RECEIVE_ALERTS.mask();

    static EvmAddress addr(int n) {
        return new EvmAddress(String.format("0x%040x", n));
    }

    static Delegation delegation(EvmAddress to, int scopes, long hours, long block) {
        return new Delegation(HOLDER, to, scopes, T0.plusSeconds(3600 * hours), block);
    }

    @Test
    void thePatientComesFirst_thenDelegatesWithReceiveAlerts_thenChosenProvidersInOrder() {
        List<Recipient> r = Recipients.resolve(HOLDER, List.of(delegation(NEIGHBOUR, ALERTS, 24, 9),
                delegation(DAUGHTER, DelegationScope.maskOf(EnumSet.allOf(DelegationScope.class)), 24, 3)),
                List.of(CARDIOLOGIST, GP), T0);
        assertThat(r).containsExactly(new Recipient(HOLDER, Recipient.Role.PATIENT),
                new Recipient(DAUGHTER, Recipient.Role.DELEGATE), new Recipient(NEIGHBOUR, Recipient.Role.DELEGATE),
                new Recipient(CARDIOLOGIST, Recipient.Role.PROVIDER), new Recipient(GP, Recipient.Role.PROVIDER));
    }

    @Test
    void delegatesWithoutTheScope_expired_orForAnotherPatient_getNothing() {
        Delegation viewOnly = delegation(DAUGHTER, DelegationScope.VIEW_RECORDS.mask(), 24, 1);
        Delegation expired = delegation(NEIGHBOUR, ALERTS, 0, 2);
        Delegation otherPatient = new Delegation(addr(9), GP, ALERTS, T0.plusSeconds(3600), 3);
        assertThat(Recipients.resolve(HOLDER, List.of(viewOnly, expired, otherPatient), List.of(), T0))
                .containsExactly(new Recipient(HOLDER, Recipient.Role.PATIENT));
    }

    @Test
    void aLaterRevocation_replacesTheEarlierDelegation() {
        List<Delegation> ds = List.of(delegation(DAUGHTER, ALERTS, 24, 5), delegation(DAUGHTER, 0, 24, 8));
        assertThat(Recipients.resolve(HOLDER, ds, List.of(), T0)).extracting(Recipient::address)
                .containsExactly(HOLDER);
        assertThat(Recipients.resolve(HOLDER, List.of(ds.get(1), ds.get(0)), List.of(), T0))
                .extracting(Recipient::address).containsExactly(HOLDER);
    }

    @Test
    void nobodyIsListedTwice() {
        List<Recipient> r = Recipients.resolve(HOLDER, List.of(delegation(GP, ALERTS, 24, 1)),
                List.of(GP, HOLDER, GP), T0);
        assertThat(r).containsExactly(new Recipient(HOLDER, Recipient.Role.PATIENT),
                new Recipient(GP, Recipient.Role.DELEGATE));
    }
}
