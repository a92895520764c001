package io.stackpilot.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The CLI is a client of the HTTP API: its main classes never use the server or the modules behind it (its tests
 * may: they start the real server in-process). An empty selection fails (ArchUnit's failOnEmptyShould).
 */
class CliTalksHttpOnlyTest {
    private static final JavaClasses CLI_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stackpilot.cli");

    @Test
    void the_cli_never_uses_server_classes() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.stackpilot.server..",
                        "io.stackpilot.openstack..", "io.stackpilot.persistence..")
                .because("the CLI talks HTTP to the daemon; embedding server classes would couple their releases")
                .check(CLI_CLASSES);
    }
}
