package io.neurite.generative;

import io.neurite.core.Shape;
import io.neurite.data.CharCorpus;
import io.neurite.model.Model;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Text from a character-level language model, a model from one-hot sequences [n, steps, alphabet] to a softmax over
 * the alphabet at every step. It reads the context, draws the next character from its distribution at the last step
 * reshaped by the temperature T,
 * <pre>
 *   q_i = p_i^(1/T) / sum_j p_j^(1/T)       (T &lt; 1 sharpens towards the most probable character, T &gt; 1 flattens)
 * </pre>
 * appends it and repeats. The context is the last {@code window} characters: a model trained on windows of that length
 * never saw a longer one, so a longer prompt is cut to its end.
 */
public final class CharSampler {
    private final Model model;
    private final CharCorpus corpus;
    private final int window;

    private CharSampler(Model model, CharCorpus corpus, int window) {
        this.model = model;
        this.corpus = corpus;
        this.window = window;
    }

    /** A sampler for {@code model}, trained on windows of {@code window} characters of {@code corpus}. */
    public static CharSampler of(Model model, CharCorpus corpus, int window) {
        if (window < 1) throw new IllegalArgumentException("the window must be at least 1 character, got " + window);
        Shape in = model.spec().inputs().values().iterator().next();
        Shape out = model.spec().shapes().get(model.spec().outputs().get(0));
        int v = corpus.alphabetSize();
        if (!in.isSequence() || in.features() != v || !out.isSequence() || out.features() != v) {
            throw new IllegalArgumentException("model '" + model.name() + "' reads " + in + " and outputs " + out
                    + " but a language model over this corpus's " + v + " characters reads and outputs sequences of "
                    + v + " values per step, e.g. input(Shape.sequence(Shape.VARIABLE, " + v + ")) ... dense(" + v
                    + ").softmax()");
        }
        return new CharSampler(model, corpus, window);
    }

    /**
     * {@code prompt} continued by {@code characters} drawn at {@code temperature}, the prompt not included. Fails with a
     * message naming the problem for an empty prompt, a character outside the alphabet or a temperature that is not a
     * finite number above 0.
     */
    public String continueFrom(String prompt, int characters, double temperature, long seed) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature " + temperature + " cannot sample: it must be a finite "
                    + "number above 0 (1 samples the model's own distribution; 0.5 is more conservative, 1.5 wilder)");
        }
        if (characters < 0) throw new IllegalArgumentException("cannot sample " + characters + " characters");
        corpus.encode(prompt);                                          // names an empty prompt or an unknown character
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(prompt);
        for (int i = 0; i < characters; i++) {
            String context = text.substring(Math.max(0, text.length() - window));
            INDArray p = model.predict(corpus.encode(context));
            double[] last = p.get(NDArrayIndex.point(0),
                    NDArrayIndex.point(context.length() - 1),
                    NDArrayIndex.all()).toDoubleVector();
            text.append(corpus.charAt(draw(last, temperature, random)));
        }
        return text.substring(prompt.length());
    }

    /** An index drawn from q_i = p_i^(1/T) / sum_j p_j^(1/T). */
    static int draw(double[] p, double temperature, Random random) {
        double[] q = reshaped(p, temperature);
        double u = random.nextDouble(), cumulative = 0;
        for (int i = 0; i < q.length; i++) {
            cumulative += q[i];
            if (u < cumulative) return i;
        }
        return q.length - 1;
    }

    /** q_i = p_i^(1/T) / sum_j p_j^(1/T), computed in logs so that a small T does not underflow. */
    static double[] reshaped(double[] p, double temperature) {
        double[] q = new double[p.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < p.length; i++) { q[i] = Math.log(p[i]) / temperature; max = Math.max(max, q[i]); }
        double sum = 0;
        for (int i = 0; i < p.length; i++) { q[i] = Math.exp(q[i] - max); sum += q[i]; }
        for (int i = 0; i < p.length; i++) q[i] /= sum;
        return q;
    }
}
