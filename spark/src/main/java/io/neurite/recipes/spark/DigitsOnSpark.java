package io.neurite.recipes.spark;

import io.neurite.data.Digits;
import io.neurite.data.TrainTest;
import io.neurite.model.Model;
import io.neurite.recipes.unit1.DigitsMlp;
import io.neurite.spark.SparkTrainer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The digits-mlp recipe trained on Spark: {@code DigitsOnSpark [MASTER] [EPOCHS]}, MASTER {@code local[*]} by default
 * or a cluster's {@code spark://host:7077} (under spark-submit the master comes from its {@code --master}).
 * Prints the test accuracy reached with parameter averaging.
 */
public final class DigitsOnSpark {
    private DigitsOnSpark() { }

    public static void main(String[] args) {
        SparkConf conf = new SparkConf().setAppName("neurite-digits-mlp");
        if (args.length > 0) {
            conf.setMaster(args[0]);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : DigitsMlp.EPOCHS;
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            TrainTest data = Digits.trainTest(42);
            Model model = DigitsMlp.model();
            SparkTrainer trainer = SparkTrainer.on(spark).batchSizePerWorker(32);
            long start = System.nanoTime();
            trainer.fit(model, data.train(), epochs);
            System.out.printf("digits MLP on Spark %s, %d epochs in %.0f s: test accuracy %.2f%%%n",
                    spark.master(), epochs, (System.nanoTime() - start) / 1e9,
                    100 * trainer.evaluate(model, data.test()).accuracy());
        }
    }
}
