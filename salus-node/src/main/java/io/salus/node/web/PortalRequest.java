package io.salus.node.web;

import io.javalin.http.Context;
import io.salus.core.account.Account;
import java.util.List;

/**
 * A request from a signed-in account: the Javalin context, the account (the only one whose data the handler may show;
 * the use cases it calls decide with the same decision point as the API) and its session.
 */
public record PortalRequest(Context ctx, Account account, Session session) {
    /** The hidden form field every state-changing form must carry. */
    public Html csrfField() {
        return Html.of("<input type=\"hidden\" name=\"{}\" value=\"{}\">", PortalRouter.CSRF_FIELD,
                session.csrfToken());
    }

    /** A form field's value, trimmed; null when absent. */
    public String form(String name) {
        String v = ctx.formParam(name);
        return v == null ? null : v.trim();
    }

    /** All values of a repeated form field (checkboxes, multi-selects). */
    public List<String> forms(String name) {
        return ctx.formParams(name);
    }

    public String query(String name) {
        return ctx.queryParam(name);
    }

    public String pathParam(String name) {
        return ctx.pathParam(name);
    }
}
