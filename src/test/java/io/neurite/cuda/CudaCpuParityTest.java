package io.neurite.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.neurite.core.Shape;
import io.neurite.data.Dataset;
import io.neurite.data.Mnist;
import io.neurite.model.Model;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import io.neurite.zoo.LeNet;
import io.neurite.zoo.ResNet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * On a CUDA device (build with {@code -Pcuda}), one SGD step of LeNet-5 and of the reduced ResNet gives the CPU's
 * loss and weights within float tolerance. The CPU side runs in a child JVM told to prefer ND4J's CPU backend
 * ({@code BACKEND_PRIORITY_CPU}); it writes its initial weights, which the CUDA side starts from, so both take the
 * same step from the same point on the same 32 MNIST digits. Without a CUDA device the test is skipped.
 */
@Tag("cuda")
class CudaCpuParityTest {
    private static final int BATCH = 32;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"lenet5", "resnet-reduced"})
    void oneTrainingStepMatchesTheCpu(String name) throws Exception {
        String backend = Nd4j.getBackend().getClass().getName();
        assumeTrue(backend.contains("jcublas"), "no CUDA device in use: ND4J runs on " + backend
                + "; this check needs `mvn test -Pcuda` on a machine with an NVIDIA GPU, CUDA 11.6 and cuDNN 8.3");

        runCpuStep(name);
        ComputationGraph net = compiled(name);
        net.setParams(Nd4j.readBinary(dir.resolve("before.bin").toFile()).castTo(net.params().dataType()));
        DataSet batch = batch();
        double lossBefore = net.score(batch);
        net.fit(batch);
        INDArray after = net.params();

        List<String> cpuLosses = Files.readAllLines(dir.resolve("loss.txt"));
        INDArray cpuBefore = Nd4j.readBinary(dir.resolve("before.bin").toFile()).castTo(after.dataType());
        INDArray cpuAfter = Nd4j.readBinary(dir.resolve("after.bin").toFile()).castTo(after.dataType());
        assertEquals(Double.parseDouble(cpuLosses.get(0)), lossBefore, 1e-4 * Math.abs(lossBefore), name + " loss before the step");
        double stepSize = cpuAfter.sub(cpuBefore).amaxNumber().doubleValue();
        assertTrue(stepSize > 1e-4, name + ": the CPU step changed no weight by more than " + stepSize);
        double diff = after.sub(cpuAfter).amaxNumber().doubleValue();
        assertTrue(diff < 1e-3 * stepSize + 1e-5, name + ": CUDA and CPU weights differ by up to " + diff
                + " after a step that moved them by up to " + stepSize);
    }

    /** The CPU side: the same model and batch, one step; writes before.bin, after.bin and loss.txt into the folder. */
    public static final class CpuStep {
        public static void main(String[] args) throws Exception {
            Path out = Path.of(args[1]);
            ComputationGraph net = compiled(args[0]);
            if (!Nd4j.getBackend().getClass().getSimpleName().equals("CpuBackend")) {
                throw new IllegalStateException("the CPU side runs on " + Nd4j.getBackend().getClass().getName());
            }
            DataSet batch = batch();
            Nd4j.saveBinary(net.params(), out.resolve("before.bin").toFile());
            double before = net.score(batch);
            net.fit(batch);
            Nd4j.saveBinary(net.params(), out.resolve("after.bin").toFile());
            Files.writeString(out.resolve("loss.txt"), before + "\n" + net.score(batch) + "\n");
        }
    }

    private void runCpuStep(String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                CpuStep.class.getName(), name, dir.toString())).redirectErrorStream(true);
        pb.environment().put("BACKEND_PRIORITY_CPU", "1000");
        pb.environment().put("BACKEND_PRIORITY_GPU", "0");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the CPU step did not finish");
        assertEquals(0, p.exitValue(), "the CPU step failed:\n" + log);
    }

    private static ComputationGraph compiled(String name) {
        Shape image = Shape.image(28, 28, 1);
        Model model = name.equals("lenet5") ? LeNet.lenet5Mnist(image, 10) : ResNet.reduced(image, 10);
        return model.compile(Loss.crossEntropy(), Optimizer.sgd(0.05)).network();
    }

    private static DataSet batch() {
        Dataset digits = Mnist.mini().asImages(28, 28, 1).train().take(BATCH);
        return new DataSet(digits.features(), digits.labels());
    }
}
