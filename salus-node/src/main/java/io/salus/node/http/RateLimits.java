package io.salus.node.http;

import io.javalin.http.Context;
import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.error.Result;
import io.salus.core.limit.FailureBudget;
import io.salus.core.limit.Throttle;

/**
 * The API's rate limits (issue 13), each a token bucket per key, answered with 429 {@code RATE_LIMITED} and
 * {@code Retry-After} through {@link Problems}: failed sign-ins per client address (checked before a token is even
 * looked up); presentation nonces per account and per address; recovery openings per patient, per opener and per
 * address; access requests per account and per address, and denied ones per (requester, patient), refused before the
 * decision so that a flood fills neither the patient's audit trail nor their alerts. Deal posting and matching are
 * limited per organisation by the deal use cases themselves. The client address is the connection's peer (a proxy in
 * front of the node is one address). In memory: a restart refills every bucket. Thread-safe.
 */
public final class RateLimits {
    private final FailureBudget signIns;
    private final Throttle nonces;
    private final Throttle recoveryOpenings;
    private final Throttle accessRequests;
    private final FailureBudget deniedAccess;

    public RateLimits(FailureBudget signIns, Throttle nonces, Throttle recoveryOpenings, Throttle accessRequests,
            FailureBudget deniedAccess) {
        this.signIns = signIns;
        this.nonces = nonces;
        this.recoveryOpenings = recoveryOpenings;
        this.accessRequests = accessRequests;
        this.deniedAccess = deniedAccess;
    }

    /** The failed sign-ins budget, shared by the API's bearer tokens and the portal's sign-in form. */
    public FailureBudget signIns() {
        return signIns;
    }

    /** The key of a client address: the address itself, or for IPv6 its /64 (one host holds a whole /64). */
    public static String address(Context ctx) {
        String ip = ctx.ip();
        if (ip.indexOf(':') >= 0) {
            String[] groups = ip.replace("[", "").replace("]", "").split(":", -1);
            if (groups.length >= 4 && !ip.contains("::")) {
                return "ip6:" + String.join(":", groups[0], groups[1], groups[2], groups[3]) + "::/64";
            }
            return "ip6:" + ip;
        }
        return "ip:" + ip;
    }

    Result<Boolean> nonce(Context ctx, Account caller) {
        return nonces.take("acct:" + caller.id()).flatMap(ok -> nonces.take(address(ctx)));
    }

    Result<Boolean> recoveryOpening(Context ctx, Account opener, AccountId patient) {
        return recoveryOpenings.take("patient:" + patient).flatMap(ok -> recoveryOpenings.take("acct:" + opener.id()))
                .flatMap(ok -> recoveryOpenings.take(address(ctx)));
    }

    Result<Boolean> accessRequest(Context ctx, Account requester, AccountId patient) {
        return deniedAccess.check(requester.id() + "/" + patient).flatMap(ok -> accessRequests.take("acct:"
                + requester.id())).flatMap(ok -> accessRequests.take(address(ctx)));
    }

    void accessDenied(Account requester, AccountId patient) {
        deniedAccess.failed(requester.id() + "/" + patient);
    }
}
