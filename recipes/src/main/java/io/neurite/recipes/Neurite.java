package io.neurite.recipes;

import io.neurite.data.DataCommand;
import io.neurite.data.DataSize;
import io.neurite.train.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line: {@code list} shows the recipes, {@code run NAME} runs one, {@code data} fetches full datasets,
 * {@code native} tells which libnd4j binary runs and why.
 * From Maven: {@code mvn -q compile exec:java -Dexec.args="run digits-mlp"}.
 */
@Command(name = "neurite", mixinStandardHelpOptions = true, version = "Neurite 0.1.0",
        description = "Runs the course's recipes: small lessons that train, print their numbers and plot to PNG.",
        subcommands = {Neurite.ListRecipes.class, Neurite.Run.class, DataCommand.class, Neurite.Native.class})
public final class Neurite implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        io.neurite.util.NativeThreads.useFastestDefault();
        System.exit(new CommandLine(new Neurite()).execute(args));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "list", description = "List all recipes with what each shows, by course unit.")
    static final class ListRecipes implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Map<Integer, java.util.List<Recipe>> byUnit = new TreeMap<>();
            Recipes.ALL.forEach(r -> byUnit.computeIfAbsent(r.unit(), u -> new java.util.ArrayList<>()).add(r));
            int width = Recipes.ALL.stream().mapToInt(r -> r.name().length()).max().orElse(0);
            byUnit.forEach((unit, recipes) -> {
                out.println("Unit " + unit);
                recipes.forEach(r -> out.printf("  %-" + width + "s  %s%n", r.name(), r.description()));
            });
            out.println("Run one with: run NAME [--epochs-scale X] [--full] [--out DIR]");
            out.flush();
            return 0;
        }
    }

    @Command(name = "native", description = "Show the ND4J backend: which libnd4j binary runs, why, and its threads.")
    static final class Native implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.println(io.neurite.nativeops.NativeBackend.describe());
            return 0;
        }
    }

    @Command(name = "run", description = "Run one recipe: it prints its numbers and writes its plots as PNG files.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "a recipe name (see 'list')")
        String name;

        @Option(names = "--epochs-scale", paramLabel = "X", defaultValue = "1",
                description = "multiply every epoch count by X (at least 1 epoch is kept); default ${DEFAULT-VALUE}")
        double epochsScale;

        @Option(names = "--full", description = "use complete datasets from the data home (see 'data fetch')")
        boolean full;

        @Option(names = "--out", paramLabel = "DIR", description = "folder for the plots; default out/NAME")
        Path out;

        @Override
        public Integer call() {
            var recipe = Recipes.find(name);
            if (recipe.isEmpty()) {
                spec.commandLine().getErr().println("unknown recipe '" + name + "'; recipes: "
                        + String.join(", ", Recipes.names()));
                return 2;
            }
            if (!(epochsScale > 0) || Double.isInfinite(epochsScale)) {
                spec.commandLine().getErr().println("--epochs-scale must be a positive number, got " + epochsScale);
                return 2;
            }
            Recipe r = recipe.get();
            if (full && !r.hasFullData()) {
                System.out.println("note: " + r.name() + " already uses its complete dataset; --full changes nothing");
            }
            Path dir = out != null ? out : Path.of("out", r.name());
            System.out.println("== " + r.name() + ": " + r.description());
            long start = System.nanoTime();
            r.run(new RecipeContext(dir, epochsScale, DataSize.of(full), System.out, Progress.auto()));
            System.out.printf("== %s done in %.1f s; plots in %s%n", r.name(), (System.nanoTime() - start) / 1e9,
                    dir.toAbsolutePath());
            return 0;
        }
    }
}
