package io.salus.node.web.dao;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The DAO pages' amounts: token units (6 decimals) shown as tokens without losing a unit, basis points as %. */
class DaoHtmlTest {

    @Test
    void tokenUnits_showAtLeastTwoDecimals_andNeverRoundAUnitAway() {
        assertThat(DaoHtml.tokens(1_500_000)).isEqualTo("1.50");
        assertThat(DaoHtml.tokens(2_000_000)).isEqualTo("2.00");
        assertThat(DaoHtml.tokens(0)).isEqualTo("0.00");
        assertThat(DaoHtml.tokens(1)).isEqualTo("0.000001");
        assertThat(DaoHtml.tokens(1_234_567)).isEqualTo("1.234567");
    }

    @Test
    void basisPoints_showAsAPercentage() {
        assertThat(DaoHtml.percent(300)).isEqualTo("3");
        assertThat(DaoHtml.percent(250)).isEqualTo("2.5");
        assertThat(DaoHtml.percent(10_000)).isEqualTo("100");
    }
}
