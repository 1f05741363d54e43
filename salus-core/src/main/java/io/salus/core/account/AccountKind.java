package io.salus.core.account;

import java.util.Locale;
import java.util.Optional;

/** The kinds of account of the health data bank. {@link #chainCode} is the value stored in IdentityRegistry. */
public enum AccountKind {
    PATIENT(1, false),
    PHYSICIAN(2, true),
    PHARMACY(3, true),
    HOSPITAL(4, true),
    CONSUMER(5, false),
    OPERATOR(6, false),
    /** A trusted issuer of attestations and credentials (a medical board, an ethics committee, a regulator). */
    ISSUER(7, false),
    /** An auditor or regulator: verifies the access log against the chain. */
    AUDITOR(8, false),
    /** A caregiver or legal representative acting for patients under delegation. */
    CAREGIVER(9, false);

    private final int chainCode;
    private final boolean provider;

    AccountKind(int chainCode, boolean provider) {
        this.chainCode = chainCode;
        this.provider = provider;
    }

    public int chainCode() {
        return chainCode;
    }

    public boolean isProvider() {
        return provider;
    }

    public static Optional<AccountKind> fromChainCode(int code) {
        for (AccountKind k : values()) {
            if (k.chainCode == code) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    public static Optional<AccountKind> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
