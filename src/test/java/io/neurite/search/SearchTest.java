package io.neurite.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.data.Digits;
import io.neurite.model.Model;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arbiter's generators over a {@link Space}, failure recording, the table, and the best model on disk. */
class SearchTest {
    static final Dataset DIGITS = Digits.load().shuffled(3);
    static final Dataset TRAIN = DIGITS.take(1000);
    static final Dataset VALIDATION = DIGITS.slice(1000, 1400);

    /** An MLP for the 8x8 digits: 64 -> units -> 10, SGD at rate lr; the same initial weights for the same units. */
    static Model mlp(Candidate c) {
        return Model.sequential("mlp").seed(1).input(Shape.vector(64)).dense(c.integer("units")).relu()
                .dense(10).softmax().build().compile(Loss.crossEntropy(), Optimizer.sgd(c.number("lr")));
    }

    @Test
    void gridTakesEveryChoiceAndEvenlySpacedPointsOfRangesInLogSpaceForLogUniform() {
        Space space = Space.of().logUniform("lr", 1e-4, 1).uniform("dropout", 0, 0.5).choice("batch", 16, 64);
        List<Candidate> grid = Search.over(space).candidates(Strategy.grid(3));
        assertEquals(3 * 3 * 2, grid.size());
        Set<Double> rates = grid.stream().map(c -> c.number("lr")).collect(Collectors.toSet());
        assertEquals(3, rates.size());
        assertTrue(rates.stream().anyMatch(r -> Math.abs(r - 1e-2) < 1e-9), "log-spaced midpoint 1e-2 in " + rates);
        assertEquals(Set.of(0.0, 0.25, 0.5), grid.stream().map(c -> c.number("dropout")).collect(Collectors.toSet()));
        assertEquals(Set.of(16, 64), grid.stream().map(c -> c.integer("batch")).collect(Collectors.toSet()));
        assertEquals(grid.size(), grid.stream().map(Candidate::values).distinct().count(), "no combination twice");
    }

    @Test
    void randomDrawsStayInTheirRangesAndTheSameSeedDrawsTheSameCandidates() {
        Space space = Space.of().logUniform("lr", 1e-4, 1e-1).integers("units", 4, 9).choice("act", "relu", "tanh");
        List<Candidate> a = Search.over(space).seed(5).candidates(Strategy.random(30));
        List<Candidate> b = Search.over(space).seed(5).candidates(Strategy.random(30));
        List<Candidate> other = Search.over(space).seed(6).candidates(Strategy.random(30));
        assertEquals(a, b);
        assertNotEquals(a, other);
        for (Candidate c : a) {
            assertTrue(c.number("lr") >= 1e-4 && c.number("lr") <= 1e-1, c.toString());
            assertTrue(c.integer("units") >= 4 && c.integer("units") <= 9, c.toString());
            assertTrue(List.of("relu", "tanh").contains(c.get("act")), c.toString());
        }
        long belowOneThousandth = a.stream().filter(c -> c.number("lr") < 1e-3).count();
        assertTrue(belowOneThousandth >= 5 && belowOneThousandth <= 17,
                "log-uniform puts about a third of 30 draws below 1e-3, got " + belowOneThousandth);
        assertEquals(6, a.stream().map(c -> c.integer("units")).distinct().count(), "every integer from 4 to 9 drawn");
    }

    @Test
    void sameSeedGivesTheSameScores() {
        Search search = Search.over(Space.of().logUniform("lr", 1e-2, 0.5).choice("units", 8)).model(SearchTest::mlp)
                .data(TRAIN.take(300), VALIDATION).epochs(1).seed(11);
        List<Trial> first = search.run(Strategy.random(2)).trials();
        List<Trial> again = search.run(Strategy.random(2)).trials();
        for (int i = 0; i < 2; i++) {
            assertEquals(first.get(i).values(), again.get(i).values());
            assertEquals(first.get(i).score(), again.get(i).score(), 1e-6);
        }
    }

    @Test
    void failedCandidatesAreRecordedAndTheSearchGoesOnToSaveTheBest(@TempDir Path dir) throws Exception {
        Space space = Space.of().choice("lr", 0.1, 1e7).choice("units", 8, -1);
        SearchResult r = Search.over(space).model(SearchTest::mlp)
                .fit((c, fit) -> fit.batchSize(50)).data(TRAIN.take(300), VALIDATION)
                .epochs(2).outputTo(dir).run(Strategy.grid(2));
        assertEquals(4, r.trials().size());
        Map<String, Trial.Status> byValues = r.trials().stream().collect(Collectors.toMap(
                t -> t.values().get("lr") + "/" + t.values().get("units"), Trial::status));
        assertEquals(Map.of("0.1/8", Trial.Status.COMPLETED, "1.0E7/8", Trial.Status.FAILED,
                "0.1/-1", Trial.Status.FAILED, "1.0E7/-1", Trial.Status.FAILED), byValues);
        Trial diverged = r.trials().stream().filter(t -> t.values().equals(Map.of("lr", 1e7, "units", 8)))
                .findFirst().orElseThrow();
        assertTrue(diverged.note().contains("diverged") || diverged.note().contains("NaN"), diverged.note());
        assertTrue(Double.isNaN(diverged.score()));
        assertEquals(Map.of("lr", 0.1, "units", 8), r.best().values());
        assertEquals(2, r.best().epochs());

        List<String> csv = Files.readAllLines(dir.resolve("trials.csv"));
        assertEquals("trial,lr,units,status,val_loss,epochs,seconds,note", csv.get(0));
        assertEquals(5, csv.size());
        assertEquals(3, csv.stream().filter(line -> line.contains(",FAILED,")).count());
        Model loaded = Model.load(dir.resolve("best-model.zip"));
        assertEquals(r.bestModel().loss(VALIDATION), loaded.loss(VALIDATION), 1e-6);
        assertEquals(r.best().score(), loaded.loss(VALIDATION), 1e-6);
        assertTrue(r.toString().contains("FAILED"), r.toString());
    }

    @Test
    void whenEveryCandidateFailsBestSaysWhy() {
        SearchResult r = Search.over(Space.of().choice("units", -1).choice("lr", 0.1)).model(SearchTest::mlp)
                .data(TRAIN.take(100), VALIDATION).epochs(1).run(Strategy.grid(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, r::best);
        assertTrue(e.getMessage().contains("no candidate of the 1 completed"), e.getMessage());
    }

    @Test
    void badSpacesAndMissingPiecesAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> Space.of().logUniform("lr", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Space.of().uniform("d", 0.5, 0.1));
        assertThrows(IllegalArgumentException.class, () -> Space.of().choice("a", 1).choice("a", 2));
        var noData = Search.over(Space.of().choice("lr", 0.1)).model(SearchTest::mlp);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> noData.run(Strategy.random(1)));
        assertTrue(e.getMessage().contains("data(train, validation)"), e.getMessage());
        Candidate c = new Candidate(0, Map.of("lr", 0.1));
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class, () -> c.integer("lr"));
        assertTrue(wrongType.getMessage().contains("number(\"lr\")"), wrongType.getMessage());
    }

    @Test
    void successiveHalvingKeepsOneInEtaPerRungAndReportsTheEpochsEachSpent() {
        Search search = SearchBudgetTest.search().data(TRAIN.take(200), VALIDATION.take(100))
                .fit((c, fit) -> fit.batchSize(50)).epochs(9);
        SearchResult r = search.run(Strategy.successiveHalving(9, 3));
        Map<Trial.Status, List<Integer>> epochs = r.trials().stream().collect(Collectors.groupingBy(Trial::status,
                Collectors.mapping(Trial::epochs, Collectors.toList())));
        assertEquals(List.of(9), epochs.get(Trial.Status.COMPLETED));
        List<Integer> stopped = epochs.get(Trial.Status.STOPPED_EARLY).stream().sorted().toList();
        assertEquals(List.of(1, 1, 1, 1, 1, 1, 3, 3), stopped);
        assertEquals(9 + 2 * 3 + 6, r.totalEpochs());
        assertEquals(search.candidates(Strategy.random(9)), search.candidates(Strategy.successiveHalving(9, 3)),
                "halving draws the candidates random search would");
        for (Trial t : r.trials()) {
            if (t.epochs() == 3) assertTrue(t.note().startsWith("stopped after rung 1"), t.note());
        }
        assertEquals(9, r.best().epochs());
    }

    @Test
    void geneticSearchOnArbitersGeneratorBreedsFromScoredCandidatesReproducibly() {
        Search search = Search.over(Space.of().logUniform("lr", 1e-3, 1).choice("units", 8, 32))
                .model(SearchTest::mlp).fit((c, fit) -> fit.batchSize(50))
                .data(TRAIN.take(300), VALIDATION.take(100)).epochs(1).seed(4);
        SearchResult first = search.run(Strategy.genetic(8, 3));
        SearchResult again = search.run(Strategy.genetic(8, 3));
        assertEquals(8, first.trials().size());
        assertTrue(first.trials().stream().allMatch(t -> t.status() == Trial.Status.COMPLETED), first.toString());
        assertEquals(first.trials().stream().map(Trial::values).toList(),
                again.trials().stream().map(Trial::values).toList(), "the same seed breeds the same candidates");
        for (Trial t : first.trials()) {
            double lr = ((Number) t.values().get("lr")).doubleValue();
            assertTrue(lr >= 1e-3 && lr <= 1 && List.of(8, 32).contains(t.values().get("units")), t.toString());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> search.candidates(Strategy.genetic(8, 3)));
        assertTrue(e.getMessage().contains("run(...)"), e.getMessage());
    }

    /** Stands for the process dying: an Error, which a search does not record as a failed candidate. */
    static final class Interrupted extends Error { }

    @Test
    void anInterruptedSearchResumesFromItsFolderWithoutRetrainingFinishedCandidates(@TempDir Path dir)
            throws Exception {
        Space space = Space.of().choice("lr", 0.05, 0.5).choice("units", 8, 32);
        int[] built = {0};
        java.util.function.Function<Candidate, Model> factory = c -> {
            built[0]++;
            return mlp(c);
        };
        Search interrupted = Search.over(space).data(TRAIN.take(300), VALIDATION).epochs(1).outputTo(dir)
                .model(c -> {
                    if (c.index() == 2) throw new Interrupted();
                    return factory.apply(c);
                });
        assertThrows(Interrupted.class, () -> interrupted.run(Strategy.grid(2)));
        assertEquals(3, Files.readAllLines(dir.resolve("trials.csv")).size(), "two candidates finished");
        assertEquals(2, built[0]);

        SearchResult resumed = Search.over(space).data(TRAIN.take(300), VALIDATION).epochs(1).outputTo(dir).resume()
                .model(factory).run(Strategy.grid(2));
        assertEquals(4, built[0], "only candidates 2 and 3 trained again");
        SearchResult fresh = Search.over(space).data(TRAIN.take(300), VALIDATION).epochs(1).model(SearchTest::mlp)
                .run(Strategy.grid(2));
        assertEquals(fresh.trials().stream().map(Trial::values).toList(),
                resumed.trials().stream().map(Trial::values).toList());
        for (int i = 0; i < 4; i++) {
            assertEquals(fresh.trials().get(i).score(), resumed.trials().get(i).score(), 1e-9, "trial " + i);
        }
        assertEquals(fresh.best().index(), resumed.best().index());
        assertEquals(resumed.best().score(), resumed.bestModel().loss(VALIDATION), 1e-6);
        assertEquals(5, Files.readAllLines(dir.resolve("trials.csv")).size());

        IllegalArgumentException halving = assertThrows(IllegalArgumentException.class, () -> Search.over(space)
                .data(TRAIN, VALIDATION).model(factory).outputTo(dir).resume().run(Strategy.successiveHalving(4, 2)));
        assertTrue(halving.getMessage().contains("cannot resume"), halving.getMessage());
    }
}
