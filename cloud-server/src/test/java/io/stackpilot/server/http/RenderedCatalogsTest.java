package io.stackpilot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RenderedCatalogsTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicInteger renderings = new AtomicInteger();
    private final Function<List<String>, Object> body = list -> {
        renderings.incrementAndGet();
        return Map.of("flavors", list);
    };

    @Test
    void the_same_list_object_is_rendered_once_and_answers_the_same_bytes_and_etag() {
        RenderedCatalogs rendered = RenderedCatalogs.kept(mapper, 100);
        List<String> cached = List.of("m1.tiny", "m1.small");

        RenderedCatalogs.Rendered first = rendered.of(cached, body);
        RenderedCatalogs.Rendered second = rendered.of(cached, body);

        assertThat(renderings).hasValue(1);
        assertThat(second).isSameAs(first);
        assertThat(new String(first.json(), StandardCharsets.UTF_8))
                .isEqualTo("{\"flavors\":[\"m1.tiny\",\"m1.small\"]}");
        assertThat(first.etag()).isEqualTo(CatalogETag.of(first.json()));
    }

    @Test
    void a_new_list_object_is_rendered_again_even_when_equal_so_a_refreshed_list_is_never_answered_stale() {
        RenderedCatalogs rendered = RenderedCatalogs.kept(mapper, 100);
        List<String> before = new ArrayList<>(List.of("m1.tiny"));
        RenderedCatalogs.Rendered old = rendered.of(before, body);
        before.add("m1.huge"); // never done to a cached list (they are immutable): shows the key is the object

        RenderedCatalogs.Rendered refreshed = rendered.of(List.of("m1.tiny", "m1.huge"), body);

        assertThat(renderings).hasValue(2);
        assertThat(refreshed.etag()).isNotEqualTo(old.etag());
        assertThat(new String(refreshed.json(), StandardCharsets.UTF_8)).contains("m1.huge");
    }

    @Test
    void off_renders_every_time() {
        RenderedCatalogs rendered = RenderedCatalogs.none(mapper);
        List<String> list = List.of("m1.tiny");

        rendered.of(list, body);
        rendered.of(list, body);

        assertThat(renderings).hasValue(2);
    }

    @Test
    void an_empty_list_is_one_shared_object_so_each_route_keeps_its_own_renderings() {
        RenderedCatalogs flavors = RenderedCatalogs.kept(mapper, 100);
        RenderedCatalogs images = RenderedCatalogs.kept(mapper, 100);

        flavors.of(List.<String>of(), body);
        RenderedCatalogs.Rendered noImages = images.of(List.<String>of(),
                list -> Map.of("images", list));

        assertThat(new String(noImages.json(), StandardCharsets.UTF_8)).isEqualTo("{\"images\":[]}");
    }

    @Test
    void keeps_at_most_the_given_number_of_lists() {
        RenderedCatalogs rendered = RenderedCatalogs.kept(mapper, 2);
        for (int i = 0; i < 50; i++) {
            rendered.of(List.of("flavor-" + i), body);
        }

        assertThat(rendered.size()).isLessThanOrEqualTo(2);
    }
}
