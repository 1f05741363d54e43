package io.salus.node.web;

import java.util.List;

/**
 * What a portal page shows: its title (the page's {@code <title>} and {@code <h1>}), the body markup inside
 * {@code <main>}, and the extra scripts it needs, as file names under {@code /portal/assets/} (no inline scripts: the
 * content security policy forbids them).
 */
public record View(String title, Html body, List<String> scripts) {
    public View {
        scripts = List.copyOf(scripts);
        for (String s : scripts) {
            if (!Assets.isName(s)) {
                throw new IllegalArgumentException("not an asset name: " + s);
            }
        }
    }

    public static View of(String title, Html body) {
        return new View(title, body, List.of());
    }

    public View withScripts(String... assetNames) {
        return new View(title, body, List.of(assetNames));
    }
}
