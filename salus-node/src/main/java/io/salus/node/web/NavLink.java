package io.salus.node.web;

/** An entry of a portal's navigation: a portal path and its label. */
public record NavLink(String path, String label) {
}
