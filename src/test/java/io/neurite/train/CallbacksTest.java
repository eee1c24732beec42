package io.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Callbacks change training as documented; failures in data and divergence are reported, never hang. */
class CallbacksTest {
    /** y = 2x + 1 with no noise: a linear model can reach zero loss. */
    private static Dataset line() {
        double[][] x = new double[32][1];
        double[][] y = new double[32][1];
        for (int i = 0; i < 32; i++) {
            x[i][0] = i / 16.0 - 1;
            y[i][0] = 2 * x[i][0] + 1;
        }
        return Dataset.of(x, y);
    }

    private static Model linear(Optimizer opt) {
        return Model.sequential("line").input(Shape.vector(1)).dense(1).build().compile(Loss.mse(), opt);
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresBestWeights() {
        // A huge learning rate makes every epoch after the first worse: the best epoch is 1.
        Model m = linear(Optimizer.sgd(1.5));
        EarlyStopping stop = EarlyStopping.on("val_loss").patience(2).restoreBest();
        Map<String, Double>[] bestLogs = new Map[1];
        Callback capture = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs, TrainingContext context) {
                if (epoch == 1) bestLogs[0] = logs;
            }
        };
        History h = m.fit(line(), Fit.epochs(20).fullBatch().validation(line()).callbacks(capture, stop).quiet());
        assertEquals(3, h.epochs(), "stopped 2 epochs after the best");
        assertTrue(h.stopReason().orElseThrow().contains("early stopping"));
        assertEquals(1, stop.bestEpoch());
        double restored = m.network().score(line().toDataSet(), false);
        assertEquals(bestLogs[0].get("val_loss"), restored, 1e-4);
    }

    @Test
    void divergenceIsReportedWithWhereAndWhatToTry() {
        Model m = linear(Optimizer.sgd(1e4));
        History h = m.fit(line(), Fit.epochs(50).batchSize(8).quiet());
        String reason = h.stopReason().orElseThrow();
        assertTrue(reason.contains("diverged") && reason.contains("smaller learning rate"), reason);
        assertTrue(h.epochs() < 50);
    }

    @Test
    void reduceLrOnPlateauHalvesTheRate() {
        Model m = linear(Optimizer.sgd(1.5));
        History h = m.fit(line(), Fit.epochs(4).fullBatch()
                .callbacks(ReduceLROnPlateau.on("loss").patience(1).factor(0.5)).quiet());
        double[] lr = h.metric("lr");
        assertEquals(1.5, lr[0], 1e-9);
        assertTrue(lr[3] < lr[0] && lr[3] >= 1.5 / 8 - 1e-9, java.util.Arrays.toString(lr));
    }

    /** The logged rate is the one each epoch trained with: step(0.1, 0.5, 1) gives 0.1, 0.05, 0.025. */
    @Test
    void historyLogsTheRateEachEpochTrainedWith() {
        Model m = linear(Optimizer.sgd(0.1).withSchedule(Schedule.step(0.1, 0.5, 1)));
        double[] lr = m.fit(line(), Fit.epochs(3).fullBatch().quiet()).metric("lr");
        assertArrayEquals(new double[] {0.1, 0.05, 0.025}, lr, 1e-12);
    }

    @Test
    void checkpointAndCsvLogWriteFiles(@TempDir Path dir) throws Exception {
        Model m = linear(Optimizer.sgd(0.1));
        Path model = dir.resolve("best.zip");
        Path csv = dir.resolve("log.csv");
        m.fit(line(), Fit.epochs(3).batchSize(8).callbacks(Checkpoint.to(model).bestOnly("loss"), CsvLogger.to(csv)).quiet());
        assertTrue(Files.size(model) > 0);
        assertEquals(Model.load(model).network().params(), m.network().params(), "loss falls every epoch, so the last is best");
        var lines = Files.readAllLines(csv);
        assertEquals("epoch,loss,lr", lines.get(0));
        assertEquals(4, lines.size());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void exceptionInATrainingStepSurfacesAtOnce() {
        int[] served = {0};
        TrainingStep failing = batch -> {
            if (++served[0] > 1) throw new IllegalStateException("disk on fire at batch " + served[0]);
            return java.util.Map.of("loss", 1.0);
        };
        IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
                IllegalStateException.class, () -> failing.fit(line(), Fit.epochs(2).batchSize(4).quiet())));
        assertTrue(e.getMessage().contains("disk on fire at batch 2"));
    }

    @Test
    void dataDrawnPerEpochIsTrainedOnInItsEpoch() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        TrainingStep recording = batch -> {
            seen.add(batch.size() + "x" + batch.features().getDouble(0, 0));
            return Map.of("loss", 1.0);
        };
        // epoch e: 4e examples whose feature is e
        History h = recording.fit(e -> Dataset.of(filled(4 * e, e), filled(4 * e, 0)), Fit.epochs(3).batchSize(8).quiet());
        assertEquals(java.util.List.of("4x1.0", "8x2.0", "8x3.0", "4x3.0"), seen);
        assertEquals(3, h.epochs());
        var split = assertThrows(IllegalArgumentException.class,
                () -> recording.fit(e -> line(), Fit.epochs(1).validationSplit(0.2).quiet()));
        assertTrue(split.getMessage().contains("Fit.validation"), split.getMessage());
    }

    private static double[][] filled(int rows, double value) {
        double[][] a = new double[rows][1];
        for (double[] row : a) row[0] = value;
        return a;
    }
}
