package io.stackpilot.cli.output;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BarChartTest {

    @Test
    void scales_bars_to_the_largest_value_and_marks_missing_points() {
        String chart = BarChart.render(List.of("05:00", "06:00", "07:00", "08:00"), Arrays.asList(10, null, 1, 0),
                20);

        assertThat(chart).isEqualTo("""
                05:00 |#################### 10
                06:00 | - (no data)
                07:00 |## 1
                08:00 | 0
                """);
    }

    @Test
    void a_small_nonzero_value_still_gets_one_mark() {
        assertThat(BarChart.render(List.of("a", "b"), List.of(1000, 1), 10)).isEqualTo("a |########## 1000\nb |# 1\n");
    }
}
