package io.salus.node.web;

/**
 * The portal's content security policies: same-origin scripts and styles only, no inline script, no plugins, no
 * framing. A page that compiles WebAssembly in the browser (proving a zero-knowledge attribute proof with snarkjs)
 * gets the same policy plus {@code 'wasm-unsafe-eval'}, which allows compiling WebAssembly and nothing else (no
 * {@code eval} of JavaScript); only that page sets it.
 */
public final class ContentSecurity {
    public static final String HEADER = "Content-Security-Policy";
    static final String PORTAL = policy("'self'");
    /** The portal's policy for a page that runs WebAssembly (the circuit's witness generator and snarkjs's curves). */
    public static final String PORTAL_WITH_WEBASSEMBLY = policy("'self' 'wasm-unsafe-eval'");

    private ContentSecurity() {
    }

    private static String policy(String scriptSrc) {
        return "default-src 'self'; script-src " + scriptSrc + "; style-src 'self'; img-src 'self' data:; "
                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }
}
