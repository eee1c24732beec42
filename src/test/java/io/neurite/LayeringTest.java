package io.neurite;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages form a stack, each using only those below it (ARCHITECTURE.md draws it): the library knows nothing of
 * the zoo or the recipes, the zoo nothing of the recipes, and inside the library no two packages use each other.
 */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.neurite");
    }

    @Test
    void packagesFormAStack() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("recipes").definedBy("io.neurite.recipes..")
                .layer("zoo").definedBy("io.neurite.zoo..")
                .layer("generative").definedBy("io.neurite.generative..")
                .layer("lessons").definedBy("io.neurite.basics..", "io.neurite.convolution..", "io.neurite.transfer..",
                        "io.neurite.search..")
                .layer("model").definedBy("io.neurite.model..")
                .layer("compile").definedBy("io.neurite.compile..")
                .layer("train").definedBy("io.neurite.train..")
                .layer("eval").definedBy("io.neurite.eval..")
                .layer("spec").definedBy("io.neurite.spec..")
                .layer("layers").definedBy("io.neurite.layers..")
                .layer("nativeops").definedBy("io.neurite.nativeops..")
                .layer("data").definedBy("io.neurite.data..")
                .layer("core").definedBy("io.neurite.core..")
                .layer("base").definedBy("io.neurite.util..", "io.neurite.plot..")
                .whereLayer("recipes").mayNotBeAccessedByAnyLayer()
                .whereLayer("generative").mayOnlyBeAccessedByLayers("recipes")
                .whereLayer("zoo").mayOnlyBeAccessedByLayers("recipes")
                .whereLayer("lessons").mayOnlyBeAccessedByLayers("recipes", "zoo")
                .whereLayer("model").mayOnlyBeAccessedByLayers("recipes", "generative", "zoo", "lessons")
                .whereLayer("compile").mayOnlyBeAccessedByLayers("recipes", "generative", "zoo", "lessons", "model")
                .whereLayer("train").mayOnlyBeAccessedByLayers("recipes", "generative", "zoo", "lessons", "model", "compile")
                .whereLayer("eval").mayOnlyBeAccessedByLayers("recipes", "generative", "zoo", "lessons", "model", "compile", "train")
                .whereLayer("spec").mayOnlyBeAccessedByLayers("recipes", "generative", "zoo", "lessons", "model", "compile")
                .whereLayer("layers").mayOnlyBeAccessedByLayers("recipes", "generative", "zoo", "lessons", "model", "compile", "spec")
                .whereLayer("nativeops").mayOnlyBeAccessedByLayers("recipes", "generative", "zoo", "lessons", "model", "compile")
                .check(classes);
    }

    @Test
    void noTwoPackagesUseEachOther() {
        slices().matching("io.neurite.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void dslDependsOnNeitherZooNorRecipes() {
        noClasses().that().resideOutsideOfPackages("io.neurite.zoo..", "io.neurite.recipes..")
                .should().dependOnClassesThat().resideInAnyPackage("io.neurite.zoo..", "io.neurite.recipes..")
                .check(classes);
    }
}
