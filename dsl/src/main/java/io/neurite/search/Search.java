package io.neurite.search;

import io.neurite.data.Dataset;
import io.neurite.model.Model;
import io.neurite.train.Fit;
import io.neurite.train.History;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.generator.GeneticSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;

/**
 * A hyperparameter search over DSL models:
 * <pre>{@code
 * SearchResult r = Search.over(Space.of().logUniform("lr", 1e-4, 1e-1).choice("batch", 16, 64))
 *     .model(c -> mlp().compile(Loss.crossEntropy(), Optimizer.adam(c.number("lr"))))
 *     .fit((c, fit) -> fit.batchSize(c.integer("batch")))
 *     .data(train, validation).epochs(10).seed(7)
 *     .run(Strategy.random(20));
 * }</pre>
 * Each candidate's model comes from the factory (compiled), trains on the training data with
 * {@code Fit.epochs(n).seed(seed).quiet()} passed through the fit tweak, and is scored by the {@link Objective} on the
 * validation data. Candidates run one after another. One that throws, diverges (see {@code Fit}'s default
 * {@code TerminateOnNaN} and {@code StopOnDivergence}) or scores NaN is recorded as failed and the search goes on.
 * The same seed draws the same candidates.
 */
public final class Search {
    private final Space space;
    private Function<Candidate, Model> factory;
    private BiFunction<Candidate, Fit, Fit> fitTweak = (candidate, fit) -> fit;
    private Dataset train;
    private Dataset validation;
    private int epochs = 10;
    private long seed = 42;
    private Objective objective = Objective.validationLoss();
    private Path outDir;
    private boolean resume;
    private PrintStream log;
    private Map<Integer, TrialsFile.Row> finished = Map.of();
    private Run savedBest;

    private Search(Space space) { this.space = Objects.requireNonNull(space, "space"); }

    /** A search over {@code space}; give it a model factory and data, then {@link #run} it. */
    public static Search over(Space space) { return new Search(space); }

    /** The function from a candidate's values to a compiled model; called once per candidate. */
    public Search model(Function<Candidate, Model> factory) {
        this.factory = Objects.requireNonNull(factory, "model factory");
        return this;
    }

    /** Changes the {@code Fit} a candidate trains with, e.g. {@code (c, fit) -> fit.batchSize(c.integer("batch"))}. */
    public Search fit(BiFunction<Candidate, Fit, Fit> tweak) {
        this.fitTweak = Objects.requireNonNull(tweak, "fit tweak");
        return this;
    }

    /** Training data, and the validation data every candidate is scored on. */
    public Search data(Dataset train, Dataset validation) {
        this.train = Objects.requireNonNull(train, "training data");
        this.validation = Objects.requireNonNull(validation, "validation data");
        return this;
    }

    /** Epochs a candidate trains in all (successive halving gives them only to its survivors); default 10. */
    public Search epochs(int epochs) {
        if (epochs < 1) throw new IllegalArgumentException("a search needs at least 1 epoch per candidate, got " + epochs);
        this.epochs = epochs;
        return this;
    }

    /** Seeds the candidates drawn and each {@code Fit}'s shuffling; default 42. */
    public Search seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** What to optimize; default {@link Objective#validationLoss()}. */
    public Search objective(Objective objective) {
        this.objective = Objects.requireNonNull(objective, "objective");
        return this;
    }

    /**
     * Writes {@code trials.csv} there after every candidate (atomically) and {@code best-model.zip} whenever the best
     * candidate changes.
     */
    public Search outputTo(Path dir) {
        this.outDir = dir;
        return this;
    }

    /**
     * Resumes an interrupted search from the {@code trials.csv} in {@link #outputTo}'s folder: a candidate found there
     * at the same position with the same values is not trained again (its row is kept), and the best model comes back
     * from {@code best-model.zip}, checked to give its recorded score. Grid, random and genetic search only (successive
     * halving keeps its survivors' weights in memory between rungs).
     */
    public Search resume() {
        this.resume = true;
        return this;
    }

    /** Prints one line per finished candidate (or rung of successive halving) to {@code out}. */
    public Search log(PrintStream out) {
        this.log = out;
        return this;
    }

    /**
     * The candidates {@code strategy} would train, in order, without training any. Not for {@link Strategy#genetic},
     * whose candidates depend on the scores of those before.
     */
    public List<Candidate> candidates(Strategy strategy) {
        if (strategy instanceof Strategy.Genetic) {
            throw new IllegalArgumentException("genetic search breeds candidates from the scores of earlier ones, so"
                    + " they cannot be listed before training; run(...) it and read the trials");
        }
        if (strategy instanceof Strategy.Grid g) {
            return draw(new GridSearchCandidateGenerator(space.arbiter(), g.pointsPerRange(),
                    GridSearchCandidateGenerator.Mode.Sequential, null), Integer.MAX_VALUE);
        }
        int count = strategy instanceof Strategy.Random r ? r.trials()
                : ((Strategy.SuccessiveHalving) strategy).candidates();
        return draw(new RandomSearchGenerator(space.arbiter(), null), count);
    }

    /** Trains the strategy's candidates and returns them all, with the best one's model. */
    public SearchResult run(Strategy strategy) {
        if (factory == null) {
            throw new IllegalStateException("the search has no model factory; call model(candidate -> ...) before run");
        }
        if (train == null) {
            throw new IllegalStateException("the search has no data; call data(train, validation) before run");
        }
        readFinished(strategy);
        if (strategy instanceof Strategy.Genetic g) return evolve(g);
        List<Run> runs = candidates(strategy).stream().map(Run::new).toList();
        if (strategy instanceof Strategy.SuccessiveHalving h) {
            halve(runs, h.eta(), strategy);
        } else {
            for (Run run : runs) {
                if (restore(run)) continue;
                train(run, epochs);
                if (run.failure == null) run.status = Trial.Status.COMPLETED;
                else run.model = null;
                report(run);
                keepOnlyBest(runs);
                save(runs, strategy, false);
            }
        }
        return save(runs, strategy, true);
    }

    /** Genetic search: each candidate drawn from Arbiter's generator, trained, and its score reported back to it. */
    private SearchResult evolve(Strategy.Genetic strategy) {
        GeneticSearchCandidateGenerator generator = Genetics.generator(space.arbiter(), strategy.population(),
                objective.lowerIsBetter(), seed);
        List<Run> runs = new ArrayList<>();
        while (runs.size() < strategy.trials() && generator.hasMoreCandidates()) {
            var drawn = generator.getCandidate();
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) drawn.getValue();
            Run run = new Run(new Candidate(runs.size(), values));
            runs.add(run);
            if (restore(run)) {
                if (run.status == Trial.Status.COMPLETED) {
                    generator.reportResults(new OptimizationResult(drawn, run.score, run.candidate.index(), null, null,
                            null));
                }
                continue;
            }
            train(run, epochs);
            if (run.failure == null) {
                run.status = Trial.Status.COMPLETED;
                generator.reportResults(new OptimizationResult(drawn, run.score, run.candidate.index(), null, null,
                        null));
            } else {
                run.model = null;
            }
            report(run);
            keepOnlyBest(runs);
            save(runs, strategy, false);
        }
        return save(runs, strategy, true);
    }

    private void halve(List<Run> runs, int eta, Strategy strategy) {
        int rungs = 0;
        while (Math.pow(eta, rungs + 1) <= runs.size()) rungs++;
        List<Run> alive = new ArrayList<>(runs);
        for (int rung = 0; rung <= rungs; rung++) {
            int target = rung == rungs ? epochs : Math.max(1, (int) Math.round(epochs / Math.pow(eta, rungs - rung)));
            int trained = alive.size();
            for (Run run : alive) {
                if (target > run.epochs) train(run, target - run.epochs);
                if (run.failure != null) run.model = null;
            }
            alive.removeIf(run -> run.failure != null);
            alive.sort(Comparator.comparingDouble((Run run) -> objective.lowerIsBetter() ? run.score : -run.score));
            int keep = rung == rungs ? alive.size() : Math.max(1, runs.size() / (int) Math.pow(eta, rung + 1));
            for (Run stopped : alive.subList(Math.min(keep, alive.size()), alive.size())) {
                stopped.status = Trial.Status.STOPPED_EARLY;
                stopped.note = "stopped after rung " + rung + " (" + stopped.epochs + " epochs)";
                stopped.model = null;
            }
            alive = new ArrayList<>(alive.subList(0, Math.min(keep, alive.size())));
            if (rung == rungs) alive.forEach(run -> run.status = Trial.Status.COMPLETED);
            if (log != null) {
                log.printf(Locale.ROOT, "rung %d: %d candidates trained to %d epochs, %d go on%n", rung, trained,
                        target, rung == rungs ? 0 : alive.size());
            }
            save(runs, strategy, false);
        }
        keepOnlyBest(runs);
    }

    private void readFinished(Strategy strategy) {
        savedBest = null;
        finished = Map.of();
        if (!resume) return;
        if (outDir == null) {
            throw new IllegalStateException("resume() reads the trials.csv of outputTo(dir); call outputTo(dir) too");
        }
        if (strategy instanceof Strategy.SuccessiveHalving) {
            throw new IllegalArgumentException("successive halving cannot resume: its survivors' weights between rungs"
                    + " are not saved; run it without resume(), or use grid, random or genetic search");
        }
        finished = TrialsFile.read(outDir.resolve("trials.csv"), SearchResult.header(space, objective));
    }

    /** Takes {@code run}'s outcome from the resumed file when it holds the same candidate; true if it did. */
    private boolean restore(Run run) {
        TrialsFile.Row row = finished.get(run.candidate.index());
        if (row == null) return false;
        for (String name : space.names()) {
            if (!String.valueOf(run.candidate.values().get(name)).equals(row.get(name))) return false;
        }
        run.status = Trial.Status.valueOf(row.get("status"));
        run.score = Double.parseDouble(row.get(objective.name()));
        run.epochs = Integer.parseInt(row.get("epochs"));
        run.seconds = Double.parseDouble(row.get("seconds"));
        if (run.status == Trial.Status.FAILED) run.failure = row.get("note");
        else run.note = row.get("note");
        run.restored = true;
        return true;
    }

    /** Trains {@code run} for {@code more} epochs (building its model first), then scores it; records failures. */
    private void train(Run run, int more) {
        long start = System.nanoTime();
        try {
            if (run.model == null) {
                run.model = factory.apply(run.candidate);
                if (run.model == null) throw new IllegalStateException("the model factory returned null");
            }
            Fit fit = fitTweak.apply(run.candidate, Fit.epochs(more).seed(seed + run.epochs).quiet());
            if (fit == null) throw new IllegalStateException("the fit tweak returned null; return the Fit it was given");
            History history = run.model.fit(train, fit);
            run.epochs += history.epochs();
            String stop = history.stopReason().orElse("");
            if (stop.startsWith("diverged")) throw new IllegalStateException(stop);
            double score = objective.score().applyAsDouble(run.model, validation);
            if (!Double.isFinite(score)) {
                throw new IllegalStateException(objective.name() + " is " + score + " after " + run.epochs + " epochs");
            }
            run.score = score;
        } catch (RuntimeException e) {
            run.failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            run.status = Trial.Status.FAILED;
            run.score = Double.NaN;
        } finally {
            run.seconds += (System.nanoTime() - start) / 1e9;
        }
        if (log != null && run.failure != null) {
            log.printf("candidate %d %s failed: %s%n", run.candidate.index(), run.candidate.values(), run.failure);
        }
    }

    private void report(Run run) {
        if (log != null && run.failure == null) {
            log.printf(Locale.ROOT, "candidate %d %s: %s %.4g after %d epochs (%.1f s)%n", run.candidate.index(),
                    run.candidate.values(), objective.name(), run.score, run.epochs, run.seconds);
        }
    }

    /** Drops every model but the best completed one's, so that a long search holds one model at a time. */
    private void keepOnlyBest(List<Run> runs) {
        Run best = best(runs);
        for (Run run : runs) if (run != best && run.status != null) run.model = null;
    }

    private Run best(List<Run> runs) {
        Run best = null;
        for (Run run : runs) {
            if (run.status == Trial.Status.COMPLETED && (best == null || objective.better(run.score, best.score))) {
                best = run;
            }
        }
        return best;
    }

    private SearchResult save(List<Run> runs, Strategy strategy, boolean last) {
        List<Trial> trials = new ArrayList<>();
        Trial bestTrial = null;
        Run best = best(runs);
        for (Run run : runs) {
            if (run.status == null) continue;
            Trial trial = new Trial(run.candidate.index(), run.candidate.values(), run.status, run.score, run.epochs,
                    run.seconds, run.failure != null ? run.failure : run.note);
            trials.add(trial);
            if (run == best) bestTrial = trial;
        }
        if (best != null && best.model == null && best.restored) best.model = loadBest(best);
        SearchResult result = new SearchResult(space, objective, strategy.toString(), trials, bestTrial,
                best == null ? null : best.model);
        if (outDir != null) {
            if (best != null && best != savedBest && !best.restored) {
                result.saveBest(outDir.resolve("best-model.zip"));
                savedBest = best;
            }
            result.writeCsv(outDir.resolve("trials.csv"));
        }
        return result;
    }

    /** The resumed best candidate's model from best-model.zip, checked against its recorded score. */
    private Model loadBest(Run best) {
        Path file = outDir.resolve("best-model.zip");
        if (!java.nio.file.Files.exists(file)) {
            throw new IllegalStateException("cannot resume: " + outDir.resolve("trials.csv") + " records candidate "
                    + best.candidate.index() + " as the best but " + file + " is missing; delete trials.csv to start over");
        }
        Model model = Model.load(file);
        double score = objective.score().applyAsDouble(model, validation);
        if (Math.abs(score - best.score) > 1e-6 * Math.max(1, Math.abs(best.score))) {
            throw new IllegalStateException("cannot resume: " + file + " scores " + objective.name() + " " + score
                    + ", but candidate " + best.candidate.index() + ", the best in trials.csv, scored " + best.score
                    + "; the folder mixes two searches: delete it or resume into another");
        }
        return model;
    }

    private List<Candidate> draw(CandidateGenerator generator, int limit) {
        generator.setRngSeed(seed);
        List<Candidate> drawn = new ArrayList<>();
        while (drawn.size() < limit && generator.hasMoreCandidates()) {
            var candidate = generator.getCandidate();
            if (candidate.getException() != null) {
                throw new IllegalStateException("Arbiter could not draw candidate " + drawn.size() + " of the space "
                        + space.names() + ": " + candidate.getException().getMessage(), candidate.getException());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) candidate.getValue();
            drawn.add(new Candidate(drawn.size(), values));
        }
        return drawn;
    }

    /** A candidate's state while the search runs. */
    private static final class Run {
        final Candidate candidate;
        Model model;
        Trial.Status status;
        int epochs;
        double seconds;
        double score = Double.NaN;
        String failure;
        String note = "";
        boolean restored;

        Run(Candidate candidate) { this.candidate = candidate; }
    }
}
