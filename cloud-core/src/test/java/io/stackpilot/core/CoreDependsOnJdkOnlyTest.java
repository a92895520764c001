package io.stackpilot.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class CoreDependsOnJdkOnlyTest {

    private final JavaClasses coreClasses = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stackpilot.core");

    @Test
    void core_classes_depend_on_the_jdk_and_the_core_only() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("io.stackpilot.core..", "java..")
                .because("cloud-core is the domain ring: adapters depend on it, never the other way round")
                .check(coreClasses);
    }

    @Test
    void the_rule_sees_the_core_classes() {
        // Guards the rule above against passing vacuously (e.g. a renamed package imports nothing).
        org.assertj.core.api.Assertions.assertThat(coreClasses.size()).isGreaterThan(20);
    }
}
