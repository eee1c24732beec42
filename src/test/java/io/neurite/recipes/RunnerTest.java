package io.neurite.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunnerTest {

    @Test
    void listShowsEveryRecipeWithItsDescription() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Neurite());
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("list"));
        String text = out.toString();
        assertTrue(text.contains("Unit 1"), text);
        for (Recipe r : Recipes.ALL) {
            assertTrue(text.contains(r.name()) && text.contains(r.description()), r.name() + " missing from:\n" + text);
        }
        assertEquals(Recipes.ALL.size(), new HashSet<>(Recipes.names()).size(), "recipe names are unique");
        assertTrue(Recipes.names().containsAll(List.of("perceptron", "shallow-models", "xor-mlp", "activations",
                "autodiff", "backprop", "optimizers", "initialization", "regularization", "digits-mlp")));
    }

    @Test
    void everyRecipeThatReadsTheDataSizeAcceptsFull() {
        Set<String> reading = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.neurite.recipes").stream()
                .filter(c -> c.getMethodCallsFromSelf().stream().anyMatch(call -> call.getName().equals("dataSize")
                        && call.getTargetOwner().isEquivalentTo(RecipeContext.class)))
                .map(JavaClass::getName).collect(Collectors.toSet());
        assertTrue(reading.contains(io.neurite.recipes.unit3.BertPretrain.class.getName()), reading.toString());
        for (Recipe r : Recipes.ALL) {
            assertTrue(!reading.contains(r.getClass().getName()) || r.hasFullData(),
                    r.name() + " reads the context's data size, so hasFullData() must say so (or --full is ignored)");
        }
    }

    @Test
    void runWritesTheRecipesPlotsIntoTheOutputFolder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("xor");
        int code = new CommandLine(new Neurite()).execute("run", "xor-mlp", "--epochs-scale", "0.1", "--out", out.toString());
        assertEquals(0, code);
        Path png = out.resolve("xor-mlp-loss.png");
        assertTrue(Files.isRegularFile(png), "missing " + png);
        assertNotNull(ImageIO.read(png.toFile()), "not a readable PNG");
    }

    @Test
    void unknownRecipeAndBadScaleFailNamingTheProblem() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Neurite());
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("run", "no-such-recipe"));
        assertTrue(err.toString().contains("unknown recipe 'no-such-recipe'") && err.toString().contains("digits-mlp"),
                err.toString());
        assertEquals(2, cli.execute("run", "xor-mlp", "--epochs-scale", "0"));
        assertTrue(err.toString().contains("--epochs-scale"), err.toString());
    }

    @Test
    void dataCommandIsASubcommand() {
        assertTrue(new CommandLine(new Neurite()).getSubcommands().containsKey("data"));
    }

    @Test
    void epochsScaleRoundsAndKeepsAtLeastOneEpoch(@TempDir Path dir) {
        RecipeContext ctx = RecipeContext.standard(dir);
        assertEquals(30, ctx.epochs(30));
        assertEquals(3, ctx.withEpochsScale(0.1).epochs(30));
        assertEquals(1, ctx.withEpochsScale(0.001).epochs(30));
        assertEquals(45, ctx.withEpochsScale(1.5).epochs(30));
        assertThrows(IllegalArgumentException.class, () -> ctx.withEpochsScale(-1));
        assertTrue(ctx.text().isEmpty());
        assertEquals("a prompt", ctx.withText("a prompt").withEpochsScale(2).quiet().text().orElseThrow());
        assertFalse(Files.exists(dir.resolve("anything")));
    }
}
