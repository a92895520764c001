package io.stackpilot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
    @Test
    void a_request_id_is_req_and_a_version_4_uuid() {
        String id = RequestIds.next();

        assertThat(id).startsWith("req-");
        UUID uuid = UUID.fromString(id.substring(4));
        assertThat(uuid.version()).isEqualTo(4);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.toString()).isEqualTo(id.substring(4));
    }

    @Test
    void request_ids_do_not_repeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(RequestIds.next());
        }
        assertThat(ids).hasSize(100_000);
    }
}
