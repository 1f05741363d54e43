package io.salus.node.web;

import io.salus.core.error.Result;

/** The kinds of handler a portal route has. */
public final class PortalHandlers {
    private PortalHandlers() {
    }

    /** A GET page: the view to render, or a failure shown as an error page with the code's status. */
    @FunctionalInterface
    public interface Page {
        Result<View> handle(PortalRequest r);
    }

    /** A form post: where to send the browser afterwards (303 See Other), or a failure shown as an error page. */
    @FunctionalInterface
    public interface Action {
        Result<String> handle(PortalRequest r);
    }

    /** A file download: its name, content type and bytes, or a failure shown as an error page. */
    @FunctionalInterface
    public interface Download {
        Result<File> handle(PortalRequest r);
    }

    /** A file sent as an attachment. */
    public record File(String name, String contentType, byte[] body) {
        public File {
            if (!name.matches("[A-Za-z0-9._-]{1,120}")) {
                throw new IllegalArgumentException("not a safe file name: " + name);
            }
        }
    }

    /** A JSON fragment for the pages' scripts: a value serialised as JSON, or a failure as problem+json. */
    @FunctionalInterface
    public interface Fragment {
        Result<Object> handle(PortalRequest r);
    }
}
