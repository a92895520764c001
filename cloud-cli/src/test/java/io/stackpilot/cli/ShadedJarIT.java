package io.stackpilot.cli;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded {@code stackpilot.jar} (built by the package phase, before Failsafe) holds the CLI and its runtime
 * libraries only: the server, the core and their libraries are test dependencies of this module and must stay out.
 * picocli is in it compiled from its sources (see the module's pom).
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target", "stackpilot.jar");

    @Test
    void the_cli_jar_has_no_server_core_or_database_classes() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();

            assertThat(names).contains("io/stackpilot/cli/Main.class", "picocli/CommandLine.class");
            assertThat(names).noneMatch(name -> name.startsWith("io/stackpilot/server/")
                    || name.startsWith("io/stackpilot/core/") || name.startsWith("io/stackpilot/openstack/")
                    || name.startsWith("io/stackpilot/persistence/") || name.startsWith("io/javalin/")
                    || name.startsWith("org/eclipse/jetty/") || name.startsWith("org/postgresql/")
                    || name.startsWith("io/zonky/") || name.startsWith("org/junit/"));
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.stackpilot.cli.Main");
        }
    }

    @Test
    void picocli_is_in_the_jar_as_classes_of_our_release_which_an_aot_cache_can_hold() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> picocli = jar.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("picocli/") && name.endsWith(".class")).toList();

            // picocli's own jar is class version 49 (Java 5), which the JVM's AOT cache and CDS cannot hold
            assertThat(picocli).hasSizeGreaterThan(100).allSatisfy(name ->
                    assertThat(majorVersion(jar, name)).as(name).isGreaterThanOrEqualTo(65));
        }
    }

    private static int majorVersion(JarFile jar, String name) {
        try (DataInputStream in = new DataInputStream(jar.getInputStream(jar.getEntry(name)))) {
            assertThat(in.readInt()).isEqualTo(0xCAFEBABE);
            in.readUnsignedShort();
            return in.readUnsignedShort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
