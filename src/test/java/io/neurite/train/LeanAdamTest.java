package io.neurite.train;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * {@link LeanAdam}'s Java loop against libnd4j's adam_updater op (DL4J's Adam), on state that is a view in the
 * middle of a larger array as DL4J lays it out, over several steps with changing gradients: in double precision equal
 * to 1e-12 of the update's size, in float to a few float roundings.
 */
class LeanAdamTest {
    private static final int N = 5000;         // over two of the loop's chunks, and not a multiple of one

    /** The updates of {@code config} for 5 steps of gradients drawn from one seed, with state inside a bigger array. */
    private static INDArray[] updates(Adam config, DataType type) {
        INDArray whole = Nd4j.zeros(type, 1, 2 * N + 7);
        INDArray state = whole.get(NDArrayIndex.point(0), NDArrayIndex.interval(3, 3 + 2 * N)).reshape(1, 2 * N);
        GradientUpdater<?> u = config.instantiate(state, true);
        Nd4j.getRandom().setSeed(11);
        INDArray[] out = new INDArray[5];
        for (int step = 0; step < out.length; step++) {
            INDArray grads = Nd4j.randn(type, 1, N + 4).muli(Math.pow(10, -step));
            INDArray g = grads.get(NDArrayIndex.point(0), NDArrayIndex.interval(2, 2 + N));
            u.applyUpdater(g, step, 0);
            out[step] = g.dup();
        }
        return out;
    }

    private static void assertClose(INDArray[] expected, INDArray[] actual, double relative, String what) {
        for (int step = 0; step < expected.length; step++) {
            double size = expected[step].amaxNumber().doubleValue();
            double diff = expected[step].sub(actual[step]).amaxNumber().doubleValue();
            assertTrue(size > 1e-4, what + ": an update of nothing proves nothing");
            assertTrue(diff <= relative * size, what + " step " + step + ": differs by " + diff + " of " + size);
        }
    }

    @Test
    void leanAdamUpdatesAsLibnd4jsAdamInDoubleAndFloat() {
        Adam stock = new Adam(0.003, 0.8, 0.99, 1e-6);
        LeanAdam lean = (LeanAdam) LeanAdam.leanIfAdam(stock);
        assertClose(updates(stock, DataType.DOUBLE), updates(lean, DataType.DOUBLE), 1e-12, "double");
        assertClose(updates(stock, DataType.FLOAT), updates(lean, DataType.FLOAT), 1e-6, "float");
    }

    @Test
    void otherUpdatersAndSubclassesAreLeftAlone() {
        Sgd sgd = new Sgd(0.1);
        assertSame(sgd, LeanAdam.leanIfAdam(sgd));
        LeanAdam lean = (LeanAdam) LeanAdam.leanIfAdam(new Adam(0.01));
        assertSame(lean, LeanAdam.leanIfAdam(lean));
        LeanAdam copy = lean.clone();
        assertNotSame(lean, copy);
        assertTrue(copy.getLearningRate() == 0.01 && copy.getBeta2() == Adam.DEFAULT_ADAM_BETA2_VAR_DECAY);
    }
}
