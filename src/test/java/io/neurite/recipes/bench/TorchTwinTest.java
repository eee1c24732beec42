package io.neurite.recipes.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.neurite.model.Model;
import io.neurite.train.Loss;
import io.neurite.train.Optimizer;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The PyTorch twin rebuilds every benchmark model with the same layers and shapes: the script checks each output
 * shape against Neurite's, and here the parameter counts are compared with Neurite's, corrected only by the known
 * differences (PyTorch keeps batch norm's running statistics out of its parameters, DL4J counts its mean and log10
 * standard deviation; PyTorch has two bias vectors per recurrent gate where Neurite has one, as Keras).
 */
class TorchTwinTest {
    @Test
    void everyBenchmarkModelHasATwinWithTheSameParameters() throws Exception {
        StringBuilder whyNot = new StringBuilder();
        Optional<TorchTwin> started = TorchTwin.start("python3", 1, whyNot);
        if (started.isEmpty()) started = TorchTwin.start("/usr/bin/python3", 1, whyNot);
        Assumptions.assumeTrue(started.isPresent(), "no PyTorch here: " + whyNot);
        try (TorchTwin twin = started.get()) {
            for (Benchmark.Case c : Benchmark.CASES) {
                Model model = c.model().get().compile(Loss.crossEntropy(), Optimizer.adam(1e-3));
                long expected = 0;
                for (Map.Entry<String, INDArray> p : model.network().paramTable().entrySet()) {
                    if (!p.getKey().matches(".*_(mean|var|log10stdev)")) expected += p.getValue().length();
                }
                if (c.name().equals("lstm")) expected += 4 * 128;   // a second bias per gate: 4 gates x 128 units
                if (c.name().equals("gru")) expected += 3 * 128;    // 3 gates x 128 units
                assertEquals(expected, twin.build(c.name(), model.spec(), 4, 10, 1e-3), c.name());
            }
            StepTime t = twin.time("mlp", true, 0.3, 2);
            // one thread: the thread's CPU time is within the process's, and that cannot exceed the wall clock's
            assertTrue(t.threadCpuMs() > 0 && t.threadCpuMs() <= t.cpuMs() + 0.01, t.toString());
            assertTrue(t.cpuMs() <= t.wallMs() * 1.02 + 0.05, t.toString());
        }
    }

    @Test
    void theTimingAnswerIsReadOrRefusedNamingTheMissingField() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(new StepTime(4.61, 4.5, 4.25),
                TorchTwin.stepTime(json.readTree("{\"ms\": 4.61, \"cpu_ms\": 4.5, \"thread_cpu_ms\": 4.25}")));
        IOException e = assertThrows(IOException.class,
                () -> TorchTwin.stepTime(json.readTree("{\"ms\": 4.61, \"thread_cpu_ms\": 4.25}")));
        assertTrue(e.getMessage().contains("'cpu_ms'"), e.getMessage());
    }

    @Test
    void aPythonThatCannotRunIsNamedWithTheInstallHint() {
        StringBuilder whyNot = new StringBuilder();
        assertTrue(TorchTwin.start("/nonexistent/python3", 1, whyNot).isEmpty());
        assertTrue(whyNot.toString().contains("cannot run '/nonexistent/python3'"), whyNot.toString());
    }
}
