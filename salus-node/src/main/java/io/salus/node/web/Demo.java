package io.salus.node.web;

import io.salus.core.account.Account;

/** Recognises the demo's accounts: {@code ./salus demo} names every account it opens with the suffix "(DEMO)". */
final class Demo {
    private Demo() {
    }

    static boolean isDemo(Account a) {
        return a.displayName() != null && a.displayName().endsWith("(DEMO)");
    }
}
