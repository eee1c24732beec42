package io.neurite.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The measured claims: on the digits MLP, whose validation accuracy after a few SGD epochs depends strongly on the
 * learning rate (a clear optimum at the high end of 1e-3..1), random search with as many trials as the grid has points
 * gets within {@value #MARGIN} of the grid's best accuracy, and successive halving over the same candidates spends at
 * most a third of random search's epochs and still picks one within that margin. About 100 s on 2 loaded cores.
 */
@Tag("slow")
class SearchBudgetTest {
    static final double MARGIN = 0.03;
    static final int EPOCHS = 6;

    static Search search() {
        return Search.over(Space.of().logUniform("lr", 1e-3, 1).choice("units", 8, 32)).model(SearchTest::mlp)
                .data(SearchTest.TRAIN, SearchTest.VALIDATION).objective(Objective.validationAccuracy())
                .epochs(EPOCHS).seed(3);
    }

    @Test
    void randomAndSuccessiveHalvingGetWithinTheMarginOfTheGridsBestAndHalvingCostsAThird() {
        SearchResult grid = search().run(Strategy.grid(6));
        SearchResult random = search().run(Strategy.random(12));
        SearchResult halving = search().run(Strategy.successiveHalving(12, 3));
        System.out.println(grid);
        System.out.println(random);
        System.out.println(halving);

        assertEquals(12, grid.trials().size());
        assertEquals(12 * EPOCHS, grid.totalEpochs());
        assertEquals(12 * EPOCHS, random.totalEpochs());
        double gridBest = grid.best().score();
        assertTrue(gridBest > 0.9, "the grid's best learns the digits: " + gridBest);
        double worst = grid.trials().stream().mapToDouble(Trial::score).min().orElseThrow();
        assertTrue(gridBest - worst > 0.3, "a clear optimum: best " + gridBest + ", worst " + worst);
        assertTrue(random.best().score() >= gridBest - MARGIN, random.best() + " against the grid's " + gridBest);

        assertTrue(halving.totalEpochs() * 3 <= random.totalEpochs(),
                halving.totalEpochs() + " epochs against random search's " + random.totalEpochs());
        assertTrue(halving.best().score() >= gridBest - MARGIN, halving.best() + " against the grid's " + gridBest);
        assertEquals(EPOCHS, halving.best().epochs());
    }
}
