package io.neurite.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.DataSize;
import io.neurite.model.Model;
import io.neurite.recipes.unit1.HyperparameterSearch;
import io.neurite.train.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hyperparameter-search lesson end to end: its three tables on disk, the comparison printed, the plot, and the best
 * model reloadable. Measured: random search and successive halving each within 0.03 of the grid's best validation
 * accuracy, halving with at most a third of the epochs. About 60-90 s on 2 loaded cores.
 */
@Tag("slow")
class HyperparameterSearchTest {

    @Test
    void comparesGridRandomAndHalvingOnOneBudgetAndWritesTablesPlotAndBestModel(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new HyperparameterSearch().run(new RecipeContext(dir, 1, DataSize.MINI,
                new PrintStream(bytes, true, StandardCharsets.UTF_8), Progress.silent()));
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(out);

        List<String> grid = Files.readAllLines(dir.resolve("grid.csv"));
        List<String> random = Files.readAllLines(dir.resolve("random.csv"));
        List<String> halving = Files.readAllLines(dir.resolve("successive-halving.csv"));
        int candidates = HyperparameterSearch.GRID_POINTS * HyperparameterSearch.GRID_POINTS * 2;
        for (List<String> table : List.of(grid, random, halving)) {
            assertEquals("trial,lr,dropout,batch,status,val_accuracy,epochs,seconds,note", table.get(0));
            assertEquals(candidates + 1, table.size(), String.join("\n", table));
        }
        assertEquals(candidates * HyperparameterSearch.EPOCHS, epochs(grid));
        assertEquals(epochs(grid), epochs(random), "random search has the grid's budget");
        assertTrue(3 * epochs(halving) <= epochs(random), out);
        double gridBest = best(grid);
        assertTrue(gridBest > 0.9, out);
        assertTrue(best(random) >= gridBest - 0.03, out);
        assertTrue(best(halving) >= gridBest - 0.03, out);

        assertTrue(out.contains("strategy") && out.contains("successive halving") && out.contains("test acc"), out);
        assertNotNull(ImageIO.read(dir.resolve("score-vs-learning-rate.png").toFile()));
        Model best = Model.load(dir.resolve("best-model.zip"));
        assertEquals("digits-search", best.name());
    }

    private static int epochs(List<String> table) {
        return table.stream().skip(1).mapToInt(row -> Integer.parseInt(row.split(",")[6])).sum();
    }

    /** The best validation accuracy among candidates that trained all epochs. */
    private static double best(List<String> table) {
        return table.stream().skip(1).map(row -> row.split(",")).filter(cells -> cells[4].equals("COMPLETED"))
                .mapToDouble(cells -> Double.parseDouble(cells[5])).max().orElseThrow();
    }
}
