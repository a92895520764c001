package io.stackpilot.server.daemon;

import static io.stackpilot.server.daemon.ManagedServerLab.phase;
import static io.stackpilot.server.daemon.ManagedServerLab.serverId;
import static io.stackpilot.server.daemon.ManagedServerLab.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's imports against the lab, with the daemon as production wires it ({@link ManagedServerLab}): an
 * unmanaged import -> observed, its VM deleted out of band -> Gone and not recreated; another import taken over with
 * PUT managed:true -> recreated after an out-of-band delete; an import as managed -> its network resolved to an id,
 * recreated on it after an out-of-band delete. Every VM is named import-...; all are deleted at the end.
 */
@Tag("lab-parallel") // runs beside the others so tagged (cloud-server/pom.xml, lab profile)
class ManagedServerImportLabIT {
    @TempDir
    Path temp;

    @Test
    void imported_servers_are_observed_or_taken_over_against_the_lab() {
        try (ManagedServerLab lab = ManagedServerLab.start(temp, "import-")) {
            ManagedServerLabIT.Nova nova = lab.nova();

            // Import unmanaged -> observed; deleted out of band -> Gone, not recreated.
            String legacy = lab.launchAndAwaitActive("import-legacy-1");
            JsonNode observed = lab.importServer(legacy, "import-legacy-1", false);
            assertThat(observed.path("managed").asBoolean()).isFalse();
            lab.await("import-legacy-1", r -> phase(r).equals("Ready"));
            nova.delete(legacy);
            lab.await("import-legacy-1", r -> phase(r).equals("Gone"));
            DaemonProcess.sleep(ManagedServerLab.INTERVAL.multipliedBy(3));
            assertThat(phase(lab.get("import-legacy-1"))).isEqualTo("Gone");
            assertThat(nova.serversNamed("import-legacy-1")).isEmpty();

            // Import another, take it over with PUT managed:true -> recreated after an out-of-band delete.
            String other = lab.launchAndAwaitActive("import-legacy-2");
            lab.importServer(other, "import-legacy-2", false);
            String takeOver = spec("m1.tiny", "manual").replace("{", "{\"managed\":true,");
            assertThat(lab.send("PUT", "/api/v1/managed-servers/import-legacy-2", takeOver).statusCode())
                    .isEqualTo(200);
            lab.await("import-legacy-2", r -> phase(r).equals("Ready") && r.path("managed").asBoolean());
            nova.delete(other);
            lab.await("import-legacy-2", r -> phase(r).equals("Ready") && !serverId(r).isEmpty()
                    && !serverId(r).equals(other));

            // Import as managed -> its network resolved to an id; deleted out of band -> recreated on that network.
            String imported = lab.launchAndAwaitActive("import-legacy-3");
            JsonNode managedImport = lab.importServer(imported, "import-legacy-3", true);
            assertThat(managedImport.path("spec").path("network_ids").size()).as(managedImport.toString())
                    .isEqualTo(1);
            lab.await("import-legacy-3", r -> phase(r).equals("Ready"));
            nova.delete(imported);
            lab.await("import-legacy-3", r -> phase(r).equals("Ready") && !serverId(r).isEmpty()
                    && !serverId(r).equals(imported));
        }
    }
}
