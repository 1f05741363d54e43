package io.salus.node.web;

import io.javalin.http.Context;

/**
 * The portal's cookies, written as explicit {@code Set-Cookie} headers: {@code HttpOnly; SameSite=Strict;
 * Path=/portal}, plus {@code Secure} over https or when configured. Session cookies carry no Max-Age (they end with
 * the browser); the node ends the session itself after the idle timeout.
 */
final class Cookies {
    private Cookies() {
    }

    static void set(Context ctx, String name, String value, int maxAgeSeconds, boolean secure) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/portal; HttpOnly; SameSite=Strict"
                + (maxAgeSeconds >= 0 ? "; Max-Age=" + maxAgeSeconds : "") + (secure ? "; Secure" : ""));
    }

    static void clear(Context ctx, String name, boolean secure) {
        set(ctx, name, "", 0, secure);
    }
}
