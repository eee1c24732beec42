package io.neurite;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The library knows nothing of the zoo or the recipes; the zoo knows nothing of the recipes. */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.neurite");
    }

    @Test
    void dslDependsOnNeitherZooNorRecipes() {
        noClasses().that().resideOutsideOfPackages("io.neurite.zoo..", "io.neurite.recipes..")
                .should().dependOnClassesThat().resideInAnyPackage("io.neurite.zoo..", "io.neurite.recipes..")
                .check(classes);
    }

    @Test
    void zooDoesNotDependOnRecipes() {
        noClasses().that().resideInAPackage("io.neurite.zoo..")
                .should().dependOnClassesThat().resideInAPackage("io.neurite.recipes..")
                .check(classes);
    }
}
