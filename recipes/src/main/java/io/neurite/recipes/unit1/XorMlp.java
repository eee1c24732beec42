package io.neurite.recipes.unit1;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.model.Model;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;

/** A hidden layer is what the perceptron lacked: 2 -> 4 tanh -> 1 sigmoid learns XOR. */
public final class XorMlp implements Recipe {
    public static final int EPOCHS = 300;

    @Override public String name() { return "xor-mlp"; }

    @Override public int unit() { return 1; }

    @Override
    public String description() { return "a multilayer perceptron (one tanh hidden layer) solves XOR"; }

    /** The four XOR examples, targets as one 0/1 column. */
    public static Dataset xor() {
        return Dataset.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, new double[][] {{0}, {1}, {1}, {0}});
    }

    /** 2 inputs -> 4 tanh -> 1 sigmoid, binary cross-entropy, Adam(0.05). */
    public static Model model() {
        return Model.sequential("xor-mlp").input(Shape.vector(2)).seed(7)
                .dense(4).tanh()
                .dense(1).sigmoid()
                .build()
                .compile(Loss.binaryCrossEntropy(), Optimizer.adam(0.05));
    }

    @Override
    public void run(RecipeContext ctx) {
        Model model = model();
        ctx.out().print(model.summaryTable());
        Fit fit = ctx.fit(EPOCHS).fullBatch().quiet();
        History h = model.fit(xor(), fit);
        double[][] p = model.predict(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        ctx.printf("after %d epochs of full-batch Adam: loss %.4f%n", h.epochs(), h.last("loss"));
        int[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        for (int i = 0; i < 4; i++) {
            ctx.printf("  %d XOR %d = %d   predicted probability %.3f -> %d%n", x[i][0], x[i][1], x[i][0] ^ x[i][1], p[i][0],
                    p[i][0] >= 0.5 ? 1 : 0);
        }
        ctx.save(h.plot(), "xor-mlp-loss.png");
    }
}
