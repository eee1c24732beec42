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
 * {@code native} tells which libnd4j binary runs and why, {@code bench} times training and inference against PyTorch.
 * From Maven: {@code mvn -q compile exec:java -Dexec.args="run digits-mlp"}.
 */
@Command(name = "neurite", mixinStandardHelpOptions = true, version = "Neurite 0.1.0",
        description = "Runs the course's recipes: small lessons that train, print their numbers and plot to PNG.",
        subcommands = {Neurite.ListRecipes.class, Neurite.Run.class, DataCommand.class, Neurite.Native.class,
                Neurite.Bench.class})
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
            out.println("Run one with: run NAME [--epochs-scale X] [--full] [--out DIR] [--text TEXT]");
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

        @Option(names = "--text", paramLabel = "TEXT",
                description = "your own text: imdb-sentiment classifies it, char-language-model continues it")
        String text;

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
            if (text != null && !r.readsText()) {
                System.out.println("note: " + r.name() + " reads no text; --text changes nothing");
            }
            Path dir = out != null ? out : Path.of("out", r.name());
            System.out.println("== " + r.name() + ": " + r.description());
            long start = System.nanoTime();
            r.run(new RecipeContext(dir, epochsScale, DataSize.of(full), System.out, Progress.auto()).withText(text));
            System.out.printf("== %s done in %.1f s; plots in %s%n", r.name(), (System.nanoTime() - start) / 1e9,
                    dir.toAbsolutePath());
            return 0;
        }
    }

    @Command(name = "bench", description = "Time training and inference of the benchmark models through Neurite and"
            + " their PyTorch twins in one run (PyTorch skipped with a message when python3 cannot import torch),"
            + " and the DSL against the same networks written in DL4J by hand.")
    static final class Bench implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--models", split = ",", paramLabel = "NAME",
                description = "models to run, comma-separated; default all: mlp, lenet5, resnet-reduced,"
                        + " googlenet-reduced, densenet-reduced, efficientnet-reduced, lstm, gru")
        java.util.List<String> models;

        @Option(names = "--threads", defaultValue = "1", description = "native threads for both; default ${DEFAULT-VALUE}")
        int threads;

        @Option(names = "--seconds", defaultValue = "2", description = "minimum seconds per round; default ${DEFAULT-VALUE}")
        double seconds;

        @Option(names = "--rounds", defaultValue = "3", description = "alternating rounds per model; default ${DEFAULT-VALUE}")
        int rounds;

        @Option(names = "--python", description = "the Python with PyTorch; default python3, else /usr/bin/python3"
                + " (where Debian's python3-torch installs)")
        String python;

        @Option(names = "--no-overhead", description = "skip the DSL against DL4J written by hand")
        boolean noOverhead;

        @Option(names = "--compare-threads", paramLabel = "N", defaultValue = "0",
                description = "instead: training with N native threads against --threads, Neurite and PyTorch")
        int compareThreads;

        @Override
        public Integer call() throws java.io.IOException {
            java.util.List<String> chosen = models == null ? io.neurite.recipes.bench.Benchmark.names() : models;
            for (String m : chosen) {
                if (!io.neurite.recipes.bench.Benchmark.names().contains(m)) {
                    spec.commandLine().getErr().println("unknown model '" + m + "'; models: "
                            + String.join(", ", io.neurite.recipes.bench.Benchmark.names()));
                    return 2;
                }
            }
            if (threads < 1 || rounds < 1 || !(seconds > 0)) {
                spec.commandLine().getErr().println("--threads and --rounds must be at least 1 and --seconds positive");
                return 2;
            }
            io.neurite.util.NativeThreads.use(threads);
            io.neurite.recipes.bench.Benchmark.run(chosen, threads, seconds, rounds, python, !noOverhead,
                    compareThreads, System.out);
            return 0;
        }
    }
}
