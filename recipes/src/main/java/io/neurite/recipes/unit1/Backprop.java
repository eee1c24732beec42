package io.neurite.recipes.unit1;

import io.neurite.basics.TwoLayerBackprop;
import io.neurite.plot.Chart;
import io.neurite.recipes.Recipe;
import io.neurite.recipes.RecipeContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Backpropagation through a two-layer sigmoid network with binary cross-entropy, on XOR: gradients by the hand-derived
 * formulas, by SameDiff's autodiff and by central differences agree; then gradient descent on the hand gradients
 * learns XOR.
 */
public final class Backprop implements Recipe {
    static final INDArray X = Nd4j.createFromArray(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    static final INDArray Y = Nd4j.createFromArray(new double[][] {{0}, {1}, {1}, {0}});
    static final int STEPS = 1000;
    static final double LEARNING_RATE = 2.0;
    private static final double H = 1e-6;

    @Override public String name() { return "backprop"; }

    @Override public int unit() { return 1; }

    @Override
    public String description() {
        return "two-layer sigmoid network: hand-derived gradients vs autodiff vs central differences,"
                + " then gradient descent learns XOR";
    }

    @Override
    public void run(RecipeContext ctx) {
        TwoLayerBackprop net = TwoLayerBackprop.random(2, 4, 1, 1);
        var forward = net.forward(X, Y);
        TwoLayerBackprop.Gradients hand = net.handGradients(X, Y);
        TwoLayerBackprop.Gradients auto = net.autodiffGradients(X, Y);
        TwoLayerBackprop.Gradients numeric = centralDifferences(net);
        ctx.printf("XOR batch of 4, 2 -> 4 sigmoid -> 1 sigmoid, loss %.6f%n", forward.loss());
        ctx.printf("dL/db2 = mean(y_hat - y) = %.6f by the formula; hand %.6f, autodiff %.6f%n",
                forward.yHat().sub(Y).meanNumber().doubleValue(), hand.db2().getDouble(0), auto.db2().getDouble(0));
        ctx.println("dL/dW2 (hand)     " + hand.dW2().transpose());
        ctx.println("dL/dW2 (autodiff) " + auto.dW2().transpose());
        ctx.println("dL/dW1 (hand)\n" + hand.dW1());
        ctx.printf("largest difference hand vs autodiff: %.2e; hand vs central differences (h = %.0e): %.2e%n",
                hand.maxAbsDifference(auto), H, hand.maxAbsDifference(numeric));

        int steps = ctx.epochs(STEPS);
        double[] x = new double[steps];
        double[] loss = new double[steps];
        for (int s = 0; s < steps; s++) {
            x[s] = s + 1;
            loss[s] = net.gradientDescentStep(X, Y, LEARNING_RATE);
        }
        ctx.printf("%d steps of gradient descent (eta = %.1f) on the hand gradients: loss %.4f -> %.4f%n", steps,
                LEARNING_RATE, loss[0], loss[steps - 1]);
        ctx.println("predictions for (0,0), (0,1), (1,0), (1,1): " + net.predict(X).transpose());
        ctx.save(Chart.lines("Gradient descent with hand-derived backprop on XOR", "step", "binary cross-entropy")
                .series("loss", x, loss), "backprop-loss.png");
    }

    /** dL/dtheta ~ (L(theta + h) - L(theta - h)) / 2h for every parameter. */
    static TwoLayerBackprop.Gradients centralDifferences(TwoLayerBackprop net) {
        INDArray[] params = {net.w1(), net.b1(), net.w2(), net.b2()};
        INDArray[] grads = new INDArray[4];
        for (int p = 0; p < 4; p++) {
            grads[p] = Nd4j.zerosLike(params[p]);
            for (long i = 0; i < params[p].length(); i++) {
                double original = params[p].getDouble(i);
                params[p].putScalar(i, original + H);
                double plus = new TwoLayerBackprop(params[0], params[1], params[2], params[3]).forward(X, Y).loss();
                params[p].putScalar(i, original - H);
                double minus = new TwoLayerBackprop(params[0], params[1], params[2], params[3]).forward(X, Y).loss();
                params[p].putScalar(i, original);
                grads[p].putScalar(i, (plus - minus) / (2 * H));
            }
        }
        return new TwoLayerBackprop.Gradients(grads[0], grads[1], grads[2], grads[3]);
    }
}
