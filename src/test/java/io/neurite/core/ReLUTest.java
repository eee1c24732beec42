package io.neurite.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link ReLU}'s backward pass against hand values and DL4J's ReLU, in both precisions; its JSON form. */
class ReLUTest {

    @Test
    void backwardPassesTheErrorWhereTheInputIsPositive() {
        INDArray x = Nd4j.createFromArray(-2.0, -0.0, 0.0, 1e-9, 3.0);
        INDArray eps = Nd4j.createFromArray(5.0, 6.0, 7.0, 8.0, 9.0);
        INDArray dx = new ReLU().backprop(x.dup(), eps).getFirst();
        assertEquals(Nd4j.createFromArray(0.0, 0.0, 0.0, 8.0, 9.0), dx);
        assertEquals(Nd4j.createFromArray(0.0, 0.0, 0.0, 1e-9, 3.0), new ReLU().getActivation(x.dup(), true));
    }

    @Test
    void backwardEqualsDl4jsReluInBothPrecisions() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(4);
            INDArray x = Nd4j.rand(type, 8, 3, 5, 5).subi(0.5);
            x.putScalar(0, 0.0);
            INDArray eps = Nd4j.rand(type, 8, 3, 5, 5).subi(0.5);
            INDArray ours = new ReLU().backprop(x.dup(), eps).getFirst();
            INDArray dl4j = new ActivationReLU().backprop(x.dup(), eps).getFirst();
            assertEquals(dl4j, ours, type.toString());
            assertTrue(ours.neq(0).castTo(DataType.INT).sumNumber().intValue() > 100, "a real share of the errors passes");
        }
    }

    @Test
    void survivesDl4jsJson() {
        DenseLayer layer = new DenseLayer.Builder().nIn(3).nOut(2).activation(new ReLU()).build();
        String json = new NeuralNetConfiguration.Builder().layer(layer).build().toJson();
        DenseLayer back = (DenseLayer) NeuralNetConfiguration.fromJson(json).getLayer();
        assertEquals(ReLU.class, back.getActivationFn().getClass());
        assertEquals(new ReLU(), back.getActivationFn());
    }
}
