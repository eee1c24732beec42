import io.neurite.core.Shape;
import io.neurite.model.GraphBuilder;
import io.neurite.model.Model;
import io.neurite.model.Node;
import io.neurite.model.Transformer;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes transformer-samediff.zip and its predictions: a Transformer encoder block and a causal self-attention block
 * saved by Neurite at main 0a32b1a, when NativeSelfAttention and NativeLayerNorm were SameDiff layers. Run from the
 * repository root with that version's classes: java -cp target/classes:DEPENDENCIES src/test/resources/legacy/MakeSameDiffTransformer.java
 */
public class MakeSameDiffTransformer {
    /** The input both this and the test use: x[i, t, f] = sin(1 + 0.7 i + 0.3 t + 0.11 f). */
    static INDArray input() {
        INDArray x = Nd4j.create(DataType.DOUBLE, 2, 4, 8);
        for (int i = 0; i < 2; i++) for (int t = 0; t < 4; t++) for (int f = 0; f < 8; f++) {
            x.putScalar(new long[] {i, t, f}, Math.sin(1 + 0.7 * i + 0.3 * t + 0.11 * f));
        }
        return x;
    }

    public static void main(String[] args) throws Exception {
        GraphBuilder g = Model.graph("legacy-transformer").dataType(DataType.DOUBLE).seed(3);
        Node x = g.input("x", Shape.sequence(4, 8));
        Node encoded = Transformer.encoderBlock(x, 2, 16);
        g.output(encoded.causalSelfAttention(4).add(encoded).layerNorm().dense(3));
        Model model = g.build().compile(Loss.mse(), Optimizer.adam(0.01));
        INDArray in = input();
        model.fit(io.neurite.data.Dataset.of(Map.of("x", in), Map.of(model.spec().outputs().get(0),
                Nd4j.zeros(DataType.DOUBLE, 2, 4, 3))), io.neurite.train.Fit.epochs(1));
        Path dir = Path.of("src/test/resources/legacy");
        model.save(dir.resolve("transformer-samediff.zip"));
        INDArray out = model.predict(Map.of("x", in)).values().iterator().next();
        StringBuilder s = new StringBuilder();
        for (double v : out.data().asDouble()) s.append(v).append('\n');
        Files.writeString(dir.resolve("transformer-samediff-predictions.txt"), s.toString());
    }
}
