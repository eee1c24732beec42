package io.neurite.recipes.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neurite.core.Activation;
import io.neurite.core.Shape;
import io.neurite.layers.Padding;
import io.neurite.layers.Size2;
import io.neurite.spec.ModelSpec;
import io.neurite.spec.NodeSpec;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PyTorch process running the same models as Neurite, for timing both in one run. The script
 * ({@code torch_twin.py}, a resource beside this class) rebuilds each model from its {@link ModelSpec}: every node's
 * layer record with its fields, its inputs and its output shape, so both sides train the same layers on the same
 * shapes, and the script checks the output shape it gets. Requests and answers are JSON lines on the process's
 * standard input and output.
 */
final class TorchTwin implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;
    private final String version;

    private TorchTwin(Process process) throws IOException {
        this.process = process;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.version = ask(Map.of("cmd", "version")).get("version").asText();
    }

    /**
     * Starts the twin with {@code threads} threads, or says why not: {@code python3} missing or without
     * {@code torch} (the message tells how to install it).
     */
    static Optional<TorchTwin> start(String python, int threads, StringBuilder whyNot) {
        try {
            Process check = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
            String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (check.waitFor() != 0) {
                whyNot.append("'").append(python).append(" -c \"import torch\"' failed (").append(lastLine(said))
                        .append("); install PyTorch, e.g. apt-get install python3-torch libopenblas0-pthread");
                return Optional.empty();
            }
            Path script = Files.createTempFile("neurite-torch-twin", ".py");
            script.toFile().deleteOnExit();
            try (InputStream s = TorchTwin.class.getResourceAsStream("torch_twin.py")) {
                Files.copy(s, script, StandardCopyOption.REPLACE_EXISTING);
            }
            ProcessBuilder pb = new ProcessBuilder(python, script.toString(), "--threads", String.valueOf(threads))
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
            return Optional.of(new TorchTwin(pb.start()));
        } catch (IOException e) {
            whyNot.append("cannot run '").append(python).append("': ").append(e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            whyNot.append("interrupted");
            return Optional.empty();
        }
    }

    /** PyTorch's version, threads and BLAS. */
    String version() { return version; }

    /** Builds the twin of {@code spec} for batches of {@code batch}; returns its parameter count. */
    long build(String id, ModelSpec spec, int batch, int classes, double learningRate) throws IOException {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("cmd", "build");
        req.put("id", id);
        Map<String, Object> inputs = new LinkedHashMap<>();
        spec.inputs().forEach((name, shape) -> inputs.put(name, shape.arrayShape()));
        req.put("inputs", inputs);
        Map<String, Shape> shapes = spec.shapes();
        req.put("nodes", spec.nodes().stream().map(n -> node(n, shapes.get(n.name()))).toList());
        req.put("outputs", spec.outputs());
        req.put("batch", batch);
        req.put("classes", classes);
        req.put("lr", learningRate);
        return ask(req).get("params").asLong();
    }

    /** Mean milliseconds per step, wall clock and CPU times, of the twin's training or inference over a round. */
    StepTime time(String id, boolean train, double seconds, int minSteps) throws IOException {
        return stepTime(ask(Map.of("cmd", "time", "id", id, "mode", train ? "train" : "infer", "seconds", seconds,
                "min_steps", minSteps)));
    }

    /**
     * The script's answer to "time": {@code {"ms": wall ms, "cpu_ms": process CPU ms, "thread_cpu_ms": the stepping
     * thread's CPU ms}}, each per step.
     */
    static StepTime stepTime(JsonNode answer) throws IOException {
        for (String field : List.of("ms", "cpu_ms", "thread_cpu_ms")) {
            if (!answer.path(field).isNumber()) {
                throw new IOException("PyTorch twin: no number '" + field + "' in its timing answer " + answer);
            }
        }
        return new StepTime(answer.get("ms").asDouble(), answer.get("cpu_ms").asDouble(),
                answer.get("thread_cpu_ms").asDouble());
    }

    /** Makes the twin compute with {@code threads} threads from now on. */
    void threads(int threads) throws IOException {
        ask(Map.of("cmd", "threads", "threads", threads));
    }

    /** A node as the script reads it: op (the record's simple name), inputs, output shape, the record's fields. */
    private static Map<String, Object> node(NodeSpec node, Shape out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", node.name());
        m.put("op", node.layer().getClass().getSimpleName());
        m.put("in", node.inputs());
        m.put("out", out.arrayShape());
        for (RecordComponent c : node.layer().getClass().getRecordComponents()) {
            try {
                m.put(c.getName(), field(c.getAccessor().invoke(node.layer())));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + node.layer(), e);
            }
        }
        return m;
    }

    private static Object field(Object v) {
        if (v instanceof Activation a) return a.name();
        if (v instanceof Size2 s) return List.of(s.rows(), s.cols());
        if (v instanceof Padding p) return Map.of("mode", p.mode().name(), "rows", p.rows(), "cols", p.cols());
        if (v instanceof Enum<?> e) return e.name();
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) return v;
        return v.toString();
    }

    private JsonNode ask(Map<String, ?> request) throws IOException {
        in.write(JSON.writeValueAsString(request));
        in.newLine();
        in.flush();
        String line = out.readLine();
        if (line == null) throw new IOException("the PyTorch twin exited (its error output is above)");
        JsonNode answer = JSON.readTree(line);
        if (answer.has("error")) throw new IOException("PyTorch twin: " + answer.get("error").asText());
        return answer;
    }

    private static String lastLine(String s) {
        String[] lines = s.split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }

    @Override
    public void close() {
        try {
            in.close();
            process.waitFor();
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }
}
