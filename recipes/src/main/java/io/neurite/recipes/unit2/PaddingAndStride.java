package io.neurite.recipes.unit2;

import io.neurite.convolution.ByHand;
import io.neurite.convolution.ConvArithmetic;
import io.neurite.convolution.Grids;
import io.neurite.core.Shape;
import io.neurite.model.Model;
import io.neurite.model.Sequential;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The output-size formula O = (W - F + 2P) / S + 1 on the layers of classic networks, each checked twice against the
 * DSL: the shape it infers when the model is built, and the shape of the activation DL4J computes.
 */
public final class PaddingAndStride implements Recipe {

    /** One worked example: input size W, filter F, padding P, stride S, as a convolution or a max pooling. */
    public record Example(String where, int w, int f, int p, int s, boolean pooling) {
        /** O by the formula, rounded down as frameworks do when S does not divide W - F + 2P. */
        public int formula() { return ConvArithmetic.flooredOutputSize(w, f, p, s); }

        /** The output side the DSL infers for this layer at build time. */
        public long inferred() { return model().spec().shapes().get(layerName()).height(); }

        /** The output side of the activation DL4J computes for a W x W input of zeros. */
        public long computed() {
            return model().compile(Loss.crossEntropy(), Optimizer.sgd(0.1))
                    .activation(layerName(), Nd4j.zeros(DataType.FLOAT, 1, 1, w, w)).size(2);
        }

        private String layerName() { return pooling ? "maxpool2d_1" : "conv2d_1"; }

        private Model model() {
            Sequential m = Model.sequential("example").input(Shape.image(w, w, 1));
            m = pooling ? m.maxPool(f, s) : m.conv(1, f).stride(s);
            return (p > 0 ? m.padding(p) : m).flatten().dense(2).softmax().build();
        }
    }

    /** Layers of the classic networks and the course's examples. */
    public static final List<Example> EXAMPLES = List.of(
            new Example("LeNet-5 conv1 on 32x32", 32, 5, 0, 1, false),
            new Example("LeNet-5 conv1, 28x28 variant", 28, 5, 2, 1, false),
            new Example("LeNet-5 pooling", 28, 2, 0, 2, true),
            new Example("AlexNet conv1", 227, 11, 0, 4, false),
            new Example("AlexNet overlapping pooling", 55, 3, 0, 2, true),
            new Example("VGG 3x3 'same' conv", 224, 3, 1, 1, false),
            new Example("ResNet stem conv", 224, 7, 3, 2, false),
            new Example("ResNet stem pooling", 112, 3, 1, 2, true),
            new Example("course: 3x3 input, padding 1, stride 2", 3, 3, 1, 2, false),
            new Example("stride 3 does not divide 7 - 3 = 4", 7, 3, 0, 3, false));

    @Override public String name() { return "padding-and-stride"; }

    @Override public int unit() { return 2; }

    @Override
    public String description() {
        return "output size (W - F + 2P) / S + 1 on classic layers, checked against the DSL's inferred and computed shapes";
    }

    @Override
    public void run(RecipeContext ctx) {
        ctx.println("O = (W - F + 2P) / S + 1   (W input, F filter, P padding per side, S stride)");
        ctx.printf("%-40s %4s %3s %3s %3s  %-22s %8s %8s%n", "layer", "W", "F", "P", "S", "formula", "inferred",
                "computed");
        for (Example e : EXAMPLES) {
            int span = e.w() - e.f() + 2 * e.p();
            String formula = "(" + span + ")/" + e.s() + "+1 = " + e.formula() + (span % e.s() == 0 ? "" : " (floor)");
            long inferred = e.inferred();
            long computed = e.computed();
            ctx.printf("%-40s %4d %3d %3d %3d  %-22s %8d %8d%s%n", e.where(), e.w(), e.f(), e.p(), e.s(), formula,
                    inferred, computed, inferred == e.formula() && computed == e.formula() ? "" : "   MISMATCH");
        }
        try {
            ConvArithmetic.outputSize(7, 3, 0, 3);
        } catch (IllegalArgumentException strict) {
            ctx.println("\nthe strict formula refuses the last one: " + strict.getMessage());
            ctx.println("frameworks round down instead: the last column and row of the input are never read.");
        }
        ctx.println("\n'same' padding P = (F - 1) / 2 keeps the size at stride 1: F = 3 -> P = "
                + ConvArithmetic.samePadding(3) + ", F = 5 -> P = " + ConvArithmetic.samePadding(5)
                + ", F = 7 -> P = " + ConvArithmetic.samePadding(7));

        double[][] input = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        double[][] ones = {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}};
        ctx.println("\nby hand: the 3x3 input padded by 1 with zeros:");
        ctx.out().print(Grids.toText(ByHand.zeroPad(input, 1)));
        ctx.println("a 3x3 kernel of ones at stride 1 ('same', 3x3 out) sums each neighbourhood:");
        ctx.out().print(Grids.toText(ByHand.conv2d(input, ones, 1, 1)));
        ctx.println("at stride 2 it visits every other position ((3 - 3 + 2) / 2 + 1 = 2 per side):");
        ctx.out().print(Grids.toText(ByHand.conv2d(input, ones, 2, 1)));

        Chart chart = Chart.lines("Output size against input size", "input size W", "output size O");
        int[][] settings = {{3, 1, 1}, {5, 0, 1}, {3, 1, 2}, {2, 0, 2}, {11, 0, 4}};
        for (int[] fps : settings) {
            double[] ws = new double[57];
            double[] os = new double[57];
            for (int i = 0; i < ws.length; i++) {
                ws[i] = 12 + i;
                os[i] = ConvArithmetic.flooredOutputSize(12 + i, fps[0], fps[1], fps[2]);
            }
            chart.series("F=" + fps[0] + ", P=" + fps[1] + ", S=" + fps[2], ws, os);
        }
        ctx.save(chart, "output-size.png");
    }
}
