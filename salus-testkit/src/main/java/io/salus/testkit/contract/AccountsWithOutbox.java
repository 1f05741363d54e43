package io.salus.testkit.contract;

import io.salus.core.port.AccountStore;
import io.salus.core.port.Outbox;

/** An account store and the outbox of the same database (it writes its registration messages there). */
public record AccountsWithOutbox(AccountStore accounts, Outbox outbox) {
}
