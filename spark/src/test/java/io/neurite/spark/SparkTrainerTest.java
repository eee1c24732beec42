package io.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.data.Digits;
import io.neurite.data.TrainTest;
import io.neurite.model.Model;
import io.neurite.recipes.unit1.DigitsMlp;
import io.neurite.train.Fit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The digits MLP of the digits-mlp recipe trained on Spark local[2] (two workers, parameter averaging) reaches the
 * test accuracy of single-process training on the same data and epochs, within 2 points. Run with {@code -Pspark}.
 */
@Tag("spark")
class SparkTrainerTest {
    private static final int EPOCHS = 30;
    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("neurite-test")
                .set("spark.ui.enabled", "false").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.driver.host", "127.0.0.1"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void digitsMlpOnSparkMatchesSingleProcess() {
        TrainTest data = Digits.trainTest(42);
        Model single = DigitsMlp.model();
        single.fit(data.train(), Fit.epochs(EPOCHS).batchSize(32).quiet());
        double singleAccuracy = single.evaluate(data.test()).accuracy();

        Model distributed = DigitsMlp.model();
        SparkTrainer trainer = SparkTrainer.on(spark).batchSizePerWorker(32).averageEvery(1);
        long start = System.nanoTime();
        trainer.fit(distributed, data.train(), EPOCHS);
        double sparkAccuracy = trainer.evaluate(distributed, data.test()).accuracy();
        System.out.printf("digits MLP, %d epochs: single process %.4f, Spark local[2] %.4f (%.0f s)%n", EPOCHS,
                singleAccuracy, sparkAccuracy, (System.nanoTime() - start) / 1e9);

        assertTrue(singleAccuracy > 0.9, "single-process accuracy " + singleAccuracy);
        assertEquals(singleAccuracy, sparkAccuracy, 0.02, "Spark vs single-process test accuracy");
        // Distributed evaluation scores the model the driver holds: the trained network was updated in place.
        assertEquals(sparkAccuracy, distributed.evaluate(data.test()).accuracy(), 1e-9);
    }

    @Test
    void uncompiledModelIsNamed() {
        Model raw = Model.sequential("raw").input(io.neurite.core.Shape.vector(4)).dense(2).softmax().build();
        var e = assertThrows(IllegalStateException.class,
                () -> SparkTrainer.on(spark).fit(raw, Digits.trainTest(42).train(), 1));
        assertTrue(e.getMessage().contains("model 'raw' is not compiled"), e.getMessage());
    }
}
