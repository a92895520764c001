package io.stackpilot.core.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OperationKindTest {

    @Test
    void every_kind_reads_back_from_its_wire_name_which_joins_words_with_a_dash() {
        for (OperationKind kind : OperationKind.values()) {
            assertThat(OperationKind.parse(kind.wireName())).isEqualTo(kind);
        }
        assertThat(OperationKind.ASSOCIATE_FLOATING_IP.wireName()).isEqualTo("associate-floating-ip");
        assertThat(OperationKind.CREATE.wireName()).isEqualTo("create");
    }

    @Test
    void an_unknown_kind_is_refused() {
        assertThatThrownBy(() -> OperationKind.parse("associate-floating")).isInstanceOf(IllegalArgumentException.class);
    }
}
