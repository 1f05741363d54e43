package io.salus.core.move;

import io.salus.core.account.EvmAddress;

/** What a patient signs to move their bank: their account's home, from the node it is at now to another node. */
public record HomeMove(EvmAddress account, EvmAddress from, EvmAddress to) {
}
