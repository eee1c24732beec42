package io.neurite.recipes.unit2;

import io.neurite.convolution.ByHand;
import io.neurite.convolution.Grids;
import io.neurite.core.Shape;
import io.neurite.data.Mnist;
import io.neurite.model.Model;
import io.neurite.plot.ImageGrid;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max and average pooling by hand on the course's 4x4 example, the same through DSL pooling layers, and what pooling
 * does to a digit: smaller maps, and a one-pixel shift that changes the pooled map less than the image.
 */
public final class Pooling implements Recipe {
    /** A 4x4 feature map to pool. */
    public static final double[][] INPUT = {{1, 3, 2, 1}, {4, 6, 5, 0}, {3, 2, 1, 0}, {1, 2, 3, 4}};

    @Override public String name() { return "pooling"; }

    @Override public int unit() { return 2; }

    @Override
    public String description() {
        return "max and average pooling by hand and through the DSL; pooling a digit, and its tolerance to small shifts";
    }

    /**
     * The outputs of DSL layers {@code maxPool(2)} and {@code avgPool(2)} (in two branches of one graph) for
     * {@code image}: [max, avg] as matrices.
     */
    public static double[][][] throughTheDsl(double[][] image) {
        int h = image.length, w = image[0].length;
        var g = Model.graph("pools");
        var x = g.input("image", Shape.image(h, w, 1));
        var max = x.maxPool(2);
        var avg = x.avgPool(2);
        Model m = g.output(max.concat(avg).flatten().dense(2).softmax()).build()
                .compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
        var acts = m.activations(Nd4j.createFromArray(image).reshape(1, 1, h, w).castTo(DataType.FLOAT));
        return new double[][][] {matrix(acts.get(max.name())), matrix(acts.get(avg.name()))};
    }

    /** Relative change sum |a - b| / sum |a| between two matrices of one size. */
    public static double relativeChange(double[][] a, double[][] b) {
        double diff = 0, norm = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                diff += Math.abs(a[i][j] - b[i][j]);
                norm += Math.abs(a[i][j]);
            }
        }
        return diff / norm;
    }

    @Override
    public void run(RecipeContext ctx) {
        ctx.println("input (4x4):");
        ctx.out().print(Grids.toText(INPUT));
        ctx.println("2x2 max pooling, stride 2: the largest value of each window");
        ctx.out().print(Grids.toText(ByHand.maxPool(INPUT, 2)));
        ctx.println("2x2 average pooling, stride 2: the mean of each window");
        ctx.out().print(Grids.toText(ByHand.avgPool(INPUT, 2)));
        ctx.println("3x3 max pooling at stride 1 (overlapping windows, (4 - 3) / 1 + 1 = 2 per side):");
        ctx.out().print(Grids.toText(ByHand.maxPool(INPUT, 3, 1)));
        double[][][] dsl = throughTheDsl(INPUT);
        ctx.println("DSL maxPool(2) and avgPool(2) layers give:");
        ctx.out().print(Grids.toText(dsl[0]));
        ctx.out().print(Grids.toText(dsl[1]));
        ctx.println("pooling has no weights: it only reduces each window to one number.");

        INDArray images = Mnist.mini().test().features();
        double[][] digit = images.getRow(0).reshape(28, 28).toDoubleMatrix();
        double[][] once = ByHand.maxPool(digit, 2);
        double[][] twice = ByHand.maxPool(once, 2);
        ctx.save(ImageGrid.of("max pooling a digit: 28x28 -> 14x14 -> 7x7",
                List.of("28x28", "max pool 2: 14x14", "again: 7x7", "avg pool 2: 14x14"),
                List.of(digit, once, twice, ByHand.avgPool(digit, 2))).columns(4), "pooling-digit.png");

        double[][] shifted = new double[28][28];
        for (int i = 0; i < 28; i++) System.arraycopy(digit[i], 0, shifted[i], 1, 27);
        double pixels = relativeChange(digit, shifted);
        double pooled = relativeChange(ByHand.maxPool(ByHand.maxPool(digit, 2), 2),
                ByHand.maxPool(ByHand.maxPool(shifted, 2), 2));
        ctx.printf("%nshifting the digit one pixel right changes its pixels by %.0f%% (sum |a - b| / sum |a|) but its"
                + " 7x7 max-pooled map by %.0f%%: pooling makes features tolerant to small shifts%n",
                100 * pixels, 100 * pooled);
    }

    private static double[][] matrix(INDArray map) { return map.reshape(map.size(2), map.size(3)).toDoubleMatrix(); }
}
