package io.stackpilot.core.preemption;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ResourceRef;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VictimSelectionTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static Candidate candidate(String id, int vcpus, int ramMb, int minutesAfterT0) {
        Server server = new Server(new ServerId(id), id, ServerStatus.ACTIVE, List.of(), new ResourceRef("f", "f"),
                null, "p", T0.plusSeconds(60L * minutesAfterT0), true, Map.of(), Location.DEFAULT);
        return new Candidate(server, new Resources(1, vcpus, ramMb));
    }

    private static List<String> ids(List<Candidate> chosen) {
        return chosen.stream().map(c -> c.server().id().value()).toList();
    }

    @Test
    void one_instance_short_takes_the_youngest_of_equal_servers() {
        var chosen = VictimSelection.choose(List.of(candidate("old", 1, 512, 0), candidate("young", 1, 512, 5)),
                new Resources(1, 0, 0));
        assertThat(ids(chosen.orElseThrow())).containsExactly("young");
    }

    @Test
    void one_server_that_covers_everything_beats_two_that_do_together() {
        var chosen = VictimSelection.choose(List.of(candidate("small-a", 2, 2048, 9), candidate("small-b", 2, 2048, 8),
                candidate("big", 4, 4096, 0)), new Resources(0, 4, 4096));
        assertThat(ids(chosen.orElseThrow())).containsExactly("big");
    }

    @Test
    void the_best_fitting_server_is_taken_rather_than_a_bigger_one() {
        var chosen = VictimSelection.choose(List.of(candidate("huge", 8, 16384, 9), candidate("fits", 2, 4096, 0)),
                new Resources(0, 2, 4096));
        assertThat(ids(chosen.orElseThrow())).containsExactly("fits");
    }

    @Test
    void several_victims_when_no_single_one_frees_enough() {
        var chosen = VictimSelection.choose(List.of(candidate("a", 1, 1024, 1), candidate("b", 1, 1024, 2),
                candidate("c", 1, 1024, 3), candidate("d", 1, 1024, 4)), new Resources(0, 2, 2048));
        assertThat(ids(chosen.orElseThrow())).containsExactly("d", "c");
    }

    @Test
    void nothing_when_all_candidates_together_would_not_free_enough() {
        assertThat(VictimSelection.choose(List.of(candidate("a", 1, 512, 0), candidate("b", 1, 512, 1)),
                new Resources(3, 0, 0))).isEmpty();
        assertThat(VictimSelection.choose(List.of(), new Resources(1, 0, 0))).isEmpty();
    }

    @Test
    void no_need_means_no_victims() {
        assertThat(VictimSelection.choose(List.of(candidate("a", 1, 512, 0)), Resources.NONE)).contains(List.of());
    }
}
