package io.neurite.spark;

import io.neurite.data.Dataset;
import io.neurite.model.Model;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Trains a compiled DSL {@link Model} on Apache Spark with DL4J's parameter averaging: every worker trains a copy on
 * its share of the data, and the copies' weights are averaged every few minibatches. The model's own network is
 * updated in place, so {@code model.evaluate}, {@code predict} and {@code save} see the result.
 *
 * <pre>{@code
 * var spark = new JavaSparkContext(new SparkConf().setMaster("local[*]").setAppName("digits"));
 * SparkTrainer.on(spark).batchSizePerWorker(32).averageEvery(2).fit(model, data.train(), 30);
 * double accuracy = SparkTrainer.on(spark).evaluate(model, data.test()).accuracy();
 * }</pre>
 *
 * Runs under {@code java -cp} or {@code spark-submit} (not {@code mvn exec:java}) with the JVM flags of the pom's
 * {@code spark} profile.
 */
public final class SparkTrainer {
    /** Seed of DL4J's random split of the data into averaging rounds. */
    private static final long SEED = 42;
    private final JavaSparkContext spark;
    private final int batchSizePerWorker;
    private final int averageEvery;

    private SparkTrainer(JavaSparkContext spark, int batchSizePerWorker, int averageEvery) {
        this.spark = spark;
        this.batchSizePerWorker = batchSizePerWorker;
        this.averageEvery = averageEvery;
    }

    /** A trainer on this Spark context: minibatches of 32 per worker, weights averaged after every minibatch. */
    public static SparkTrainer on(JavaSparkContext spark) {
        if (spark == null) {
            throw new IllegalArgumentException("SparkTrainer.on(null): pass a JavaSparkContext, e.g. new JavaSparkContext("
                    + "new SparkConf().setMaster(\"local[*]\").setAppName(\"neurite\"))");
        }
        return new SparkTrainer(spark, 32, 1);
    }

    /** Examples per minibatch on each worker (at least 1). */
    public SparkTrainer batchSizePerWorker(int examples) {
        if (examples < 1) {
            throw new IllegalArgumentException("batchSizePerWorker must be at least 1, got " + examples);
        }
        return new SparkTrainer(spark, examples, averageEvery);
    }

    /** Minibatches each worker trains between two averagings of the weights (at least 1). */
    public SparkTrainer averageEvery(int minibatches) {
        if (minibatches < 1) {
            throw new IllegalArgumentException("averageEvery must be at least 1 minibatch, got " + minibatches);
        }
        return new SparkTrainer(spark, batchSizePerWorker, minibatches);
    }

    /**
     * Trains {@code model} (compiled) for {@code epochs} passes over {@code train}, spread over the context's workers.
     * Returns the same model, trained.
     */
    public Model fit(Model model, Dataset train, int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        SparkComputationGraph net = sparkNetwork(model);
        JavaRDD<DataSet> rdd = examples(train);
        for (int epoch = 0; epoch < epochs; epoch++) {
            net.fit(rdd);
        }
        return model;
    }

    /** Classification scores of {@code model} on {@code data}, computed on the workers. */
    public Evaluation evaluate(Model model, Dataset data) {
        return sparkNetwork(model).<Evaluation>evaluate(examples(data));
    }

    private SparkComputationGraph sparkNetwork(Model model) {
        if (model.network() == null) {
            throw new IllegalStateException("model '" + model.name() + "' is not compiled: call compile(loss, optimizer)"
                    + " before SparkTrainer.fit / evaluate");
        }
        var master = new ParameterAveragingTrainingMaster.Builder(1)
                .batchSizePerWorker(batchSizePerWorker)
                .averagingFrequency(averageEvery)
                .workerPrefetchNumBatches(0)
                // DL4J splits each epoch's data at random: a fixed seed and no reshuffling make runs repeatable
                .rngSeed(SEED)
                .repartionData(Repartition.Never)
                .build();
        return new SparkComputationGraph(spark, model.network(), master);
    }

    /** One DataSet per example, spread over the default parallelism of the context. */
    private JavaRDD<DataSet> examples(Dataset data) {
        List<DataSet> rows = new DataSet(data.features(), data.labels()).asList();
        return spark.parallelize(rows, spark.defaultParallelism());
    }
}
