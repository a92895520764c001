package io.stackpilot.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rings beyond the core (the core's own rule is in cloud-core). This module's test class path holds the server,
 * the OpenStack adapter and the persistence module, so their rules live here; the CLI's rule is in cloud-cli. Main
 * classes only: tests may wire anything. An empty selection fails (ArchUnit's failOnEmptyShould), so a renamed
 * package cannot make a rule pass vacuously. ArchUnit reads bytecode: a reference to a compile-time constant is
 * inlined by javac and invisible to it (the old http -> problem -> auth cycle ran through such a constant, the 401
 * challenge, now owned by {@code ProblemResponder}).
 */
class ModuleBoundariesTest {
    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stackpilot.server", "io.stackpilot.openstack", "io.stackpilot.persistence",
                    "io.stackpilot.kubernetes");

    @Test
    void the_server_s_packages_are_free_of_cycles() {
        slices().matching("io.stackpilot.server.(*)..").should().beFreeOfCycles()
                .because("a cycle (once http -> problem -> auth -> http) means no package can be read or moved alone")
                .check(MAIN_CLASSES);
    }

    @Test
    void only_the_composition_root_sees_the_whole_server() {
        noClasses().that().resideInAPackage("io.stackpilot.server.*..")
                .should().dependOnClassesThat().resideInAPackage("io.stackpilot.server")
                .because("the root package wires the others (ApiWiring, Main); nothing it wires may reach back")
                .check(MAIN_CLASSES);
    }

    @Test
    void the_openstack_adapter_never_uses_the_server_or_the_persistence_module() {
        noClasses().that().resideInAPackage("io.stackpilot.openstack..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stackpilot.server..",
                        "io.stackpilot.persistence..")
                .because("adapters implement core ports; only the server wires them together")
                .check(MAIN_CLASSES);
    }

    @Test
    void the_persistence_module_never_uses_the_server_or_the_openstack_adapter() {
        noClasses().that().resideInAPackage("io.stackpilot.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stackpilot.server..",
                        "io.stackpilot.openstack..")
                .because("adapters implement core ports; only the server wires them together")
                .check(MAIN_CLASSES);
    }

    @Test
    void the_kubernetes_controller_drives_the_core_only() {
        noClasses().that().resideInAPackage("io.stackpilot.kubernetes..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stackpilot.server..",
                        "io.stackpilot.openstack..", "io.stackpilot.persistence..")
                .because("the controller is a driving adapter like the HTTP API: it calls the core's use cases")
                .check(MAIN_CLASSES);
    }
}
