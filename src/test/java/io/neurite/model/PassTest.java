package io.neurite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.train.Fit;
import io.neurite.train.History;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.train.TrainingStep;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Training steps written by hand: two models chained with one frozen, and extra loss terms. */
class PassTest {
    private static final double LR = 0.1;

    private static Model generator() {
        return Model.sequential("g").input(Shape.vector(2)).dataType(DataType.DOUBLE).seed(1)
                .dense(4).tanh().dense(3).build().compile(Optimizer.sgd(LR));
    }

    private static Model discriminator() {
        return Model.sequential("d").input(Shape.vector(3)).dataType(DataType.DOUBLE).seed(2)
                .dense(5).tanh().dense(1).sigmoid().build().compile(Loss.binaryCrossEntropy(), Optimizer.sgd(LR));
    }

    /** sum over the batch of -log D(G(z)): the generator's loss when its fakes should pass as real. */
    private static double generatorLossSum(Model g, Model d, INDArray z) {
        return -Transforms.log(d.predict(g.predict(z))).sumNumber().doubleValue();
    }

    @Test
    void theFrozenDiscriminatorPassesGradientsButKeepsItsWeights() {
        Model g = generator();
        Model d = discriminator();
        INDArray z = Nd4j.rand(DataType.DOUBLE, 6, 2).subi(0.5);
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 6, 1);
        INDArray dBefore = d.network().params().dup();
        INDArray gBefore = g.network().params().dup();

        Pass fake = g.forward(z);
        Pass judged = d.forward(fake.output());
        double loss = judged.backward(ones);
        INDArray error = judged.inputGradient();
        fake.backwardFrom(error);
        INDArray analytic = fake.gradient("dense_1", "W").dup();
        assertEquals(generatorLossSum(g, d, z) / 6, loss, 1e-10, "mean binary cross-entropy against 'real'");
        assertTrue(error.norm2Number().doubleValue() > 1e-6, "the discriminator's input gradient is not zero");

        // the chained gradient equals central differences of the summed loss in one generator weight
        INDArray w = g.weights("dense_1");
        double h = 1e-6;
        for (int[] ij : new int[][] {{0, 0}, {1, 3}, {0, 2}}) {
            INDArray plus = w.dup();
            plus.putScalar(ij[0], ij[1], w.getDouble(ij[0], ij[1]) + h);
            g.setWeights("dense_1", plus);
            double up = generatorLossSum(g, d, z);
            INDArray minus = w.dup();
            minus.putScalar(ij[0], ij[1], w.getDouble(ij[0], ij[1]) - h);
            g.setWeights("dense_1", minus);
            double down = generatorLossSum(g, d, z);
            g.setWeights("dense_1", w);
            assertEquals((up - down) / (2 * h), analytic.getDouble(ij[0], ij[1]), 1e-7, "dL/dW" + ij[0] + ij[1]);
        }

        fake = g.forward(z);
        judged = d.forward(fake.output());
        judged.backward(ones);
        fake.backwardFrom(judged.inputGradient());
        fake.update();
        assertEquals(dBefore, d.network().params(), "the discriminator was frozen: bit-identical weights");
        assertNotEquals(gBefore, g.network().params(), "the generator moved");
        assertTrue(generatorLossSum(g, d, z) < generatorLossSum(generatorWith(gBefore), d, z), "and fooled D more");
    }

    private static Model generatorWith(INDArray params) {
        Model g = generator();
        g.network().setParams(params);
        return g;
    }

    @Test
    void anAddedActivationTermChangesTheGradientByItsHandDerivedAmount() {
        Model encoder = Model.sequential("enc").input(Shape.vector(3)).dataType(DataType.DOUBLE).seed(4)
                .dense(2).sigmoid().named("code").build().compile(Optimizer.sgd(LR));
        Model decoder = Model.sequential("dec").input(Shape.vector(2)).dataType(DataType.DOUBLE).seed(5)
                .dense(3).build().compile(Loss.mse(), Optimizer.sgd(LR));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 3);
        double lambda = 0.3;

        Pass e = encoder.forward(x);
        Pass r = decoder.forward(e.output());
        r.backward(x);
        INDArray error = r.inputGradient().dup();
        e.backwardFrom(error);
        INDArray plain = e.gradient("code", "W").dup();

        // penalty lambda * sum h^2 on the code: its error 2 lambda h is added where the code leaves the encoder
        Pass e2 = encoder.forward(x);
        INDArray code = e2.output();
        e2.backwardFrom(error.add(code.mul(2 * lambda)));
        INDArray penalized = e2.gradient("code", "W").dup();
        INDArray byHand = x.transpose().mmul(code.mul(2 * lambda).mul(code).mul(code.rsub(1.0)));  // x^T (2 lambda h * h(1-h))
        assertEquals(0, penalized.sub(plain).sub(byHand).norm2Number().doubleValue(), 1e-12);

        // a parameter term added to the gradient reaches the optimizer: W <- W - lr (g + extra) / n
        INDArray extra = encoder.weights("code").mul(0.01);
        INDArray before = encoder.weights("code");
        e2.gradient("code", "W").addi(extra);
        e2.update();
        INDArray expected = before.sub(penalized.add(extra).mul(LR / 5));
        assertEquals(0, encoder.weights("code").sub(expected).norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void aHandWrittenStepKeepsHistoryCallbacksAndProgress() {
        Model g = generator();
        Model d = discriminator();
        INDArray real = Nd4j.rand(DataType.DOUBLE, 32, 3).addi(1);
        TrainingStep gan = batch -> {
            int n = batch.size();
            INDArray z = Nd4j.rand(DataType.DOUBLE, n, 2).subi(0.5);
            INDArray fakes = g.predict(z);
            double dLoss = d.trainingStep().train(Dataset.of(Nd4j.vstack(batch.features(), fakes),
                    Nd4j.vstack(Nd4j.ones(DataType.DOUBLE, n, 1), Nd4j.zeros(DataType.DOUBLE, n, 1)))).get("loss");
            Pass fake = g.forward(z);
            Pass judged = d.forward(fake.output());
            double gLoss = judged.backward(Nd4j.ones(DataType.DOUBLE, n, 1));
            fake.backwardFrom(judged.inputGradient());
            fake.update();
            return Map.of("loss", dLoss + gLoss, "d_loss", dLoss, "g_loss", gLoss);
        };
        History h = gan.fit(Dataset.unlabelled(real), Fit.epochs(3).batchSize(8).quiet());
        assertEquals(3, h.epochs());
        assertTrue(h.metrics().containsAll(java.util.List.of("d_loss", "g_loss")), h.metrics().toString());
        assertTrue(Double.isFinite(h.last("g_loss")));
    }

    /**
     * ||g|| of a linear model y = x W + b under the mean squared error, by hand: dL/dW = (2/n) X^T r, dL/db = (2/n) sum r
     * with r = y_hat - y, the gradient of the batch's mean loss (what SGD steps along and clipping bounds).
     */
    @Test
    void gradientNormIsTheNormOfTheMeanLossGradient() {
        Model line = Model.sequential("line").input(Shape.vector(2)).dataType(DataType.DOUBLE).seed(7).dense(1).named("out")
                .build().compile(Loss.mse(), Optimizer.sgd(LR));
        INDArray x = Nd4j.create(new double[][] {{3, -4}, {5, 2}, {-1, 1}});
        INDArray y = Nd4j.create(new double[][] {{40}, {-30}, {2}});
        INDArray r = x.mmul(line.weights("out")).addRowVector(line.bias("out")).sub(y);
        INDArray dW = x.transpose().mmul(r).muli(2.0 / 3), db = r.sum(0).muli(2.0 / 3);
        double byHand = Math.sqrt(dW.mul(dW).sumNumber().doubleValue() + db.mul(db).sumNumber().doubleValue());
        Pass p = line.forward(x);
        p.backward(y);
        assertEquals(byHand, p.gradientNorm(), 1e-9 * byHand);
        assertThrows(IllegalStateException.class, () -> line.forward(x).gradientNorm());
    }

    @Test
    void lossAndErrorsMustMatchHowTheModelWasCompiled() {
        Model g = generator();
        INDArray z = Nd4j.rand(DataType.DOUBLE, 2, 2);
        var e = assertThrows(IllegalStateException.class, () -> g.forward(z).backward(Nd4j.zeros(2, 3)));
        assertTrue(e.getMessage().contains("backwardFrom"), e.getMessage());
        var e2 = assertThrows(IllegalStateException.class, () -> g.fit(Dataset.of(z, Nd4j.zeros(2, 3)), Fit.epochs(1)));
        assertTrue(e2.getMessage().contains("without a loss"), e2.getMessage());
        var e3 = assertThrows(IllegalStateException.class, () -> g.forward(z).update());
        assertTrue(e3.getMessage().contains("backward"), e3.getMessage());
    }
}
