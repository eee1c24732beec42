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
import org.nd4j.linalg.factory.Nd4j;

/**
 * Convolution as the element-wise product sum at each position: the course's 4x4 example with its 2x2 vertical-edge
 * kernel worked out by hand, the same numbers from a DSL convolution layer with those weights set, then edge kernels
 * on a real digit.
 */
public final class ConvolutionByHand implements Recipe {
    /** The course's input: every row is 1 5 5 5, a vertical edge between the first and second columns. */
    public static final double[][] INPUT = {{1, 5, 5, 5}, {1, 5, 5, 5}, {1, 5, 5, 5}, {1, 5, 5, 5}};
    /** The course's 2x2 vertical-edge kernel. */
    public static final double[][] KERNEL = {{1, -1}, {1, -1}};
    /** A 3x3 vertical-edge (Prewitt) kernel: bright on the left, dark on the right gives a large positive value. */
    public static final double[][] VERTICAL = {{1, 0, -1}, {1, 0, -1}, {1, 0, -1}};
    /** The horizontal-edge kernel: {@link #VERTICAL} transposed. */
    public static final double[][] HORIZONTAL = {{1, 1, 1}, {0, 0, 0}, {-1, -1, -1}};

    @Override public String name() { return "convolution-by-hand"; }

    @Override public int unit() { return 2; }

    @Override
    public String description() {
        return "the course's 4x4 / 2x2 convolution worked by hand, checked against a DSL conv layer; edge kernels on a digit";
    }

    /** {@code kernel} through a one-filter DSL convolution (weights set by hand, bias 0) applied to {@code input}. */
    public static double[][] throughTheDsl(double[][] input, double[][] kernel) {
        int h = input.length, w = input[0].length, k = kernel.length;
        Model m = Model.sequential("one-filter").dataType(DataType.DOUBLE).input(Shape.image(h, w, 1))
                .conv(1, k).flatten().dense(2).softmax().build()
                .compile(Loss.crossEntropy(), Optimizer.sgd(0.1));
        m.setWeights("conv2d_1", Nd4j.createFromArray(kernel).reshape(1, 1, k, k));
        m.setBias("conv2d_1", Nd4j.zeros(DataType.DOUBLE, 1));
        var out = m.activation("conv2d_1", Nd4j.createFromArray(input).reshape(1, 1, h, w));
        return out.reshape(out.size(2), out.size(3)).toDoubleMatrix();
    }

    @Override
    public void run(RecipeContext ctx) {
        ctx.println("input (4x4):");
        ctx.out().print(Grids.toText(INPUT));
        ctx.println("kernel (2x2):");
        ctx.out().print(Grids.toText(KERNEL));
        ctx.println("the kernel over the top-left 2x2 patch: 1*1 + 5*(-1) + 1*1 + 5*(-1) = -8;"
                + " over any patch of 5s: 5 - 5 + 5 - 5 = 0");
        double[][] byHand = ByHand.conv2d(INPUT, KERNEL);
        ctx.println("output by hand ((4 - 2) / 1 + 1 = 3 per side):");
        ctx.out().print(Grids.toText(byHand));
        double[][] dsl = throughTheDsl(INPUT, KERNEL);
        ctx.println("the same kernel as the weights of a DSL conv(1, 2) layer, its activation:");
        ctx.out().print(Grids.toText(dsl));
        ctx.println(java.util.Arrays.deepEquals(byHand, dsl) ? "identical" : "DIFFERENT: check the weight layout");

        double[][] sixBySix = new double[6][6];
        for (double[] row : sixBySix) java.util.Arrays.fill(row, 0, 3, 10);
        ctx.println("\na 6x6 image, bright left half (10) and dark right half (0):");
        ctx.out().print(Grids.toText(sixBySix));
        ctx.println("3x3 vertical-edge kernel:");
        ctx.out().print(Grids.toText(VERTICAL));
        ctx.println("output (4x4): the edge is the bright band of 30s in the middle:");
        ctx.out().print(Grids.toText(ByHand.conv2d(sixBySix, VERTICAL)));
        ctx.println("the horizontal-edge kernel finds nothing in it:");
        ctx.out().print(Grids.toText(ByHand.conv2d(sixBySix, HORIZONTAL)));

        double[][] digit = Mnist.mini().test().features().getRow(0).reshape(28, 28).toDoubleMatrix();
        double[][] vertical = ByHand.conv2d(digit, VERTICAL, 1, 1);
        double[][] horizontal = ByHand.conv2d(digit, HORIZONTAL, 1, 1);
        double[][] magnitude = new double[28][28];
        for (int i = 0; i < 28; i++) {
            for (int j = 0; j < 28; j++) magnitude[i][j] = Math.hypot(vertical[i][j], horizontal[i][j]);
        }
        ctx.save(ImageGrid.of("the course's example: input, kernel and output", List.of("input 4x4", "kernel 2x2",
                "output 3x3"), List.of(INPUT, KERNEL, byHand)), "convolution-4x4.png");
        ctx.save(ImageGrid.of("edge kernels on an MNIST digit (padding 1 keeps 28x28)",
                List.of("digit", "vertical edges", "horizontal edges", "edge strength"),
                List.of(digit, vertical, horizontal, magnitude)).columns(4), "convolution-edges.png");
    }
}
