package io.neurite.recipes.unit1;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.data.Digits;
import io.neurite.data.TrainTest;
import io.neurite.model.Model;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.search.Candidate;
import io.neurite.search.Objective;
import io.neurite.search.Search;
import io.neurite.search.SearchResult;
import io.neurite.search.Space;
import io.neurite.search.Strategy;
import io.neurite.search.Trial;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lecture's grid search over (learning rate, dropout rate, batch size) on the 8x8 digits, then random search with
 * the same budget ({@value #GRID_POINTS}^2 x 2 candidates, {@value #EPOCHS} epochs each) over the same ranges, then
 * successive halving over as many candidates with a fraction of the epochs. Candidates are scored by validation
 * accuracy on {@value #VALIDATION_EXAMPLES} training images held out; the best of each is scored once on the test set.
 */
public final class HyperparameterSearch implements Recipe {
    public static final int EPOCHS = 6;
    public static final int GRID_POINTS = 3;
    public static final int TRAIN_EXAMPLES = 800;
    public static final int VALIDATION_EXAMPLES = 400;

    @Override public String name() { return "hyperparameter-search"; }

    @Override public int unit() { return 1; }

    @Override
    public String description() {
        return "grid search over learning rate x dropout x batch size, random search with the same budget, and"
                + " successive halving: one comparison table, validation accuracy against the learning rate";
    }

    /** Learning rate 1e-4..1e-1 (log-uniform), dropout 0.1..0.5, batch 32 or 128. */
    public static Space space() {
        return Space.of().logUniform("lr", 1e-4, 1e-1).uniform("dropout", 0.1, 0.5).choice("batch", 32, 128);
    }

    /** 64 pixels -> 64 ReLU -> dropout -> 10-way softmax, Adam at the candidate's learning rate. */
    public static Model model(Candidate c) {
        return Model.sequential("digits-search").seed(7).input(Shape.vector(64))
                .dense(64).relu().dropout(c.number("dropout"))
                .dense(10).softmax()
                .build().compile(Loss.crossEntropy(), Optimizer.adam(c.number("lr")));
    }

    /** The search on {@code train} / {@code validation}, {@code epochs} per candidate, seeded. */
    public static Search search(Dataset train, Dataset validation, int epochs) {
        return Search.over(space()).model(HyperparameterSearch::model)
                .fit((c, fit) -> fit.batchSize(c.integer("batch")))
                .data(train, validation).objective(Objective.validationAccuracy()).epochs(epochs).seed(2024);
    }

    /** Grid, random search with as many trials, and successive halving (eta 3) over as many candidates. */
    public static Map<String, SearchResult> compare(Dataset train, Dataset validation, int epochs) {
        SearchResult grid = search(train, validation, epochs).run(Strategy.grid(GRID_POINTS));
        int budget = grid.trials().size();
        Map<String, SearchResult> results = new LinkedHashMap<>();
        results.put("grid", grid);
        results.put("random", search(train, validation, epochs).run(Strategy.random(budget)));
        results.put("successive halving", search(train, validation, epochs).run(Strategy.successiveHalving(budget, 3)));
        return results;
    }

    @Override
    public void run(RecipeContext ctx) {
        TrainTest digits = Digits.trainTest(42);
        Dataset train = digits.train().take(TRAIN_EXAMPLES);
        Dataset validation = digits.train().slice(TRAIN_EXAMPLES, TRAIN_EXAMPLES + VALIDATION_EXAMPLES);
        int epochs = ctx.epochs(EPOCHS);
        ctx.printf("digits: %d training, %d validation (chooses), %d test images (judges the chosen); up to %d epochs"
                + " per candidate%n", train.size(), validation.size(), digits.test().size(), epochs);
        Map<String, SearchResult> results = compare(train, validation, epochs);
        results.forEach((name, r) -> {
            ctx.println("");
            ctx.println(name + ":");
            ctx.out().print(r);
            r.writeCsv(ctx.outDir().resolve(name.replace(' ', '-') + ".csv"));
        });
        ctx.println("");
        ctx.printf("%-20s %10s %7s %8s %9s %8s %6s %8s %8s%n", "strategy", "candidates", "epochs", "seconds", "lr",
                "dropout", "batch", "val acc", "test acc");
        results.forEach((name, r) -> {
            Trial best = r.best();
            ctx.printf("%-20s %10d %7d %8.1f %9.2e %8.2f %6d %8.3f %8.3f%n", name, r.trials().size(), r.totalEpochs(),
                    r.totalSeconds(), best.values().get("lr"), best.values().get("dropout"), best.values().get("batch"),
                    best.score(), r.bestModel().evaluate(digits.test()).accuracy());
        });
        ctx.println("The grid tries only " + GRID_POINTS + " learning rates, the hyperparameter that matters most here;"
                + " random search with the same budget tries a new one with every candidate. Successive halving"
                + " trains every candidate for an epoch and gives more epochs only to the best third, then ninth.");
        results.get("successive halving").saveBest(ctx.outDir().resolve("best-model.zip"));
        Chart chart = Chart.lines("Validation accuracy against learning rate (" + epochs + " epochs, or fewer when"
                + " stopped early)", "log10(learning rate)", "validation accuracy");
        results.forEach((name, r) -> {
            List<Trial> scored = r.trials().stream().filter(Trial::succeeded).toList();
            chart.points(name, scored.stream().mapToDouble(t -> Math.log10((Double) t.values().get("lr"))).toArray(),
                    scored.stream().mapToDouble(Trial::score).toArray());
        });
        ctx.save(chart, "score-vs-learning-rate.png");
    }
}
