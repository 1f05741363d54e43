package io.salus.node.http;

import io.javalin.http.Context;
import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.error.Result;
import io.salus.core.limit.Throttle;

/**
 * The API's rate limits (issue 13), each a token bucket per key, answered with 429 {@code RATE_LIMITED} and
 * {@code Retry-After} through {@link Problems}: failed sign-ins per client address (checked before a token is even
 * looked up: a token names no account, so failures cannot be counted per account) and portal sessions opened per
 * account; presentation nonces per account and per address; recovery openings per patient, per opener and per
 * address; access requests per account and per address, and denied ones per (requester, patient), refused before the
 * decision so that a flood fills neither the patient's audit trail nor their alerts; deals posted per address (posting
 * and matching are limited per organisation by the deal use cases themselves). The client address is the connection's peer (a proxy in
 * front of the node is one address). In memory: a restart refills every bucket. Thread-safe.
 */
public final class RateLimits {
    private final Throttle signIns;
    private final Throttle sessions;
    private final Throttle nonces;
    private final Throttle recoveryOpenings;
    private final Throttle accessRequests;
    private final Throttle deniedAccess;
    private final Throttle dealPostings;

    /**
     * @param signIns failed sign-ins (counted with {@link Throttle#failed})
     * @param deniedAccess denied access requests (counted with {@link Throttle#failed})
     * @param dealPostings deals posted per client address (the deal use cases limit each organisation)
     */
    public RateLimits(Throttle signIns, Throttle sessions, Throttle nonces, Throttle recoveryOpenings,
            Throttle accessRequests, Throttle deniedAccess, Throttle dealPostings) {
        this.dealPostings = dealPostings;
        this.signIns = signIns;
        this.sessions = sessions;
        this.nonces = nonces;
        this.recoveryOpenings = recoveryOpenings;
        this.accessRequests = accessRequests;
        this.deniedAccess = deniedAccess;
    }

    /**
     * Whether the client may try to sign in (an API bearer token or the portal's form, which share one budget): refused
     * once its address has failed too often, before the token is looked up.
     */
    public Result<Boolean> signInAllowed(Context ctx) {
        return signIns.check(address(ctx));
    }

    /** Counts a failed sign-in of the client's address. */
    public void signInFailed(Context ctx) {
        signIns.failed(address(ctx));
    }

    /** A portal session for the account, within its limit (a stolen token cannot mint sessions without end). */
    public Result<Boolean> session(Account account) {
        return sessions.take("acct:" + account.id());
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

    Result<Boolean> dealPosting(Context ctx) {
        return dealPostings.take(address(ctx));
    }

    void accessDenied(Account requester, AccountId patient) {
        deniedAccess.failed(requester.id() + "/" + patient);
    }
}
