package io.salus.node.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void valuesAreEscapedByDefault() {
        assertThat(Html.of("<p title=\"{}\">{}</p>", "\"><script>", "<b>&'").toString())
                .isEqualTo("<p title=\"&quot;&gt;&lt;script&gt;\">&lt;b&gt;&amp;&#39;</p>");
    }

    @Test
    void htmlArgumentsAreInsertedAsMarkup() {
        assertThat(Html.of("<div>{}</div>", Html.of("<b>{}</b>", "<i>")).toString())
                .isEqualTo("<div><b>&lt;i&gt;</b></div>");
    }

    @Test
    void nullIsTheEmptyString() {
        assertThat(Html.of("<p>{}</p>", (Object) null).toString()).isEqualTo("<p></p>");
    }

    @Test
    void placeholderAndArgumentCountsMustAgree() {
        assertThatThrownBy(() -> Html.of("{} {}", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Html.of("{}", "a", "b")).isInstanceOf(IllegalArgumentException.class);
    }
}
