package io.neurite.generative;

import io.neurite.data.Dataset;
import io.neurite.layers.Dense;
import io.neurite.model.Model;
import io.neurite.model.Pass;
import io.neurite.train.TrainingStep;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An autoencoder from two ordinary models trained together with {@code fit}: the encoder f (compiled with
 * {@code compile(optimizer)} alone) maps x to a code h = f(x~), the decoder g (compiled with its reconstruction loss,
 * e.g. mean squared error) maps h back, and both learn from L = loss(g(f(x~)), x) + lambda sum_j |h_j|, where
 * x~ = x + N(0, sigma^2) for a denoising autoencoder ({@link #denoising}; x~ = x otherwise) and lambda is the sparse
 * autoencoder's L1 weight on the code ({@link #sparse}; 0 otherwise). An undercomplete autoencoder is one whose code
 * is narrower than x; a contractive one adds lambda ||dh/dx||_F^2 ({@link #contractive}). History logs {@code loss} (the decoder's loss, as its {@code fit} would), {@code l1_code} (lambda
 * times the mean per-example sum |h|), {@code kl_code} (with {@link #sparseKl}: beta sum_j KL(rho || rho_j)) {@code mean_activation} (the mean code value) and, when contractive, {@code jacobian_norm} (mean ||J||_F^2).
 * <pre>{@code
 * var ae = Autoencoder.of(encoder, decoder).denoising(0.5);
 * ae.fit(Dataset.unlabelled(images), Fit.epochs(10).batchSize(64));
 * INDArray cleaned = ae.reconstruct(noisyImages);
 * }</pre>
 */
public final class Autoencoder implements TrainingStep {
    private final Model encoder;
    private final Model decoder;
    private double noiseStd;
    private double l1;
    private double contraction;
    private double klWeight;
    private double targetActivation;
    private String codeLayer;
    private Random noise = new Random(0);

    private Autoencoder(Model encoder, Model decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** The autoencoder decoder(encoder(x)); the decoder's output shape must be the encoder's input shape. */
    public static Autoencoder of(Model encoder, Model decoder) {
        if (encoder.optimizer() == null || !encoder.losses().isEmpty()) {
            throw new IllegalArgumentException("the encoder '" + encoder.name() + "' must be compiled with "
                    + "compile(optimizer) alone: it learns from the error the decoder passes back");
        }
        if (decoder.losses() == null || decoder.losses().size() != 1) {
            throw new IllegalArgumentException("the decoder '" + decoder.name() + "' must have one output compiled with "
                    + "its reconstruction loss, e.g. compile(Loss.mse(), optimizer)");
        }
        var in = encoder.spec().inputs().values().iterator().next();
        var out = decoder.spec().shapes().get(decoder.spec().outputs().get(0));
        if (!in.equals(out)) {
            throw new IllegalArgumentException("the decoder '" + decoder.name() + "' makes " + out + " but the encoder '"
                    + encoder.name() + "' reads " + in + ": the reconstruction must have the input's shape");
        }
        return new Autoencoder(encoder, decoder);
    }

    /** Trains on inputs corrupted by Gaussian noise of standard deviation {@code sigma}, against the clean inputs. */
    public Autoencoder denoising(double sigma) {
        if (!(sigma > 0 && Double.isFinite(sigma))) {
            throw new IllegalArgumentException("the denoising noise's standard deviation must be > 0, got " + sigma);
        }
        this.noiseStd = sigma;
        return this;
    }

    /** Adds lambda * sum_j |h_j| per example: an L1 penalty that drives most code values to 0. */
    public Autoencoder sparse(double lambda) {
        if (!(lambda > 0 && Double.isFinite(lambda))) {
            throw new IllegalArgumentException("the sparsity weight must be > 0, got " + lambda);
        }
        this.l1 = lambda;
        return this;
    }

    /**
     * Adds beta sum_j KL(rho || rho_j) to the mean loss, rho_j the batch's mean activation of code unit j (Ng's sparse
     * autoencoder): KL(rho || q) = rho log(rho / q) + (1 - rho) log((1 - rho) / (1 - q)), for codes in (0, 1) (a
     * sigmoid code layer). It drives each unit's average activation towards {@code rho}; History logs {@code kl_code}.
     */
    public Autoencoder sparseKl(double rho, double beta) {
        if (!(rho > 0 && rho < 1)) throw new IllegalArgumentException("the target activation rho must be in (0, 1), got " + rho);
        if (!(beta > 0 && Double.isFinite(beta))) {
            throw new IllegalArgumentException("the KL sparsity weight must be > 0, got " + beta);
        }
        this.targetActivation = rho;
        this.klWeight = beta;
        return this;
    }

    /** sum_j KL(rho || mean_n h_nj) for codes {@code h} [n, units] in (0, 1). */
    public static double klSparsity(INDArray h, double rho) {
        INDArray q = h.castTo(DataType.DOUBLE).mean(0);
        return Transforms.log(q.rdiv(rho)).muli(rho)
                .addi(Transforms.log(q.rsub(1.0).rdivi(1 - rho)).muli(1 - rho)).sumNumber().doubleValue();
    }

    /**
     * d/dh_nj of n beta sum_j KL(rho || q_j), q_j = mean_n h_nj (the batch's summed loss, as the errors are):
     * beta (-rho / q_j + (1 - rho) / (1 - q_j)), the same for every example.
     */
    public static INDArray klSparsityError(INDArray h, double rho, double beta) {
        INDArray q = h.mean(0);
        INDArray perUnit = q.rdiv(-rho).addi(q.rsub(1.0).rdivi(1 - rho)).muli(beta);
        return Nd4j.zerosLike(h).addRowVector(perUnit);
    }

    /**
     * Adds lambda ||J||_F^2 per example, J = dh/dx the encoder's Jacobian, for an encoder that is one sigmoid dense
     * layer h = sigmoid(x W + b), whose closed form is ||J||_F^2 = sum_j (h_j (1 - h_j))^2 sum_i W_ij^2
     * ({@link #jacobianNorm}).
     */
    public Autoencoder contractive(double lambda) {
        if (!(lambda > 0 && Double.isFinite(lambda))) {
            throw new IllegalArgumentException("the contraction weight must be > 0, got " + lambda);
        }
        var nodes = encoder.spec().nodes();
        if (nodes.size() != 1 || !(nodes.get(0).layer() instanceof Dense d)
                || !d.activation().name().equals("sigmoid")) {
            throw new IllegalArgumentException("a contractive autoencoder needs an encoder of one sigmoid dense layer "
                    + "(input, dense(units).sigmoid()), got " + nodes.stream().map(n -> n.layer().type()).toList());
        }
        this.contraction = lambda;
        this.codeLayer = nodes.get(0).name();
        return this;
    }

    /**
     * ||J||_F^2 per example (a column) of a sigmoid dense encoder with weights {@code w} [inputs, units] and codes
     * {@code h} [n, units]: sum_j (h_j (1 - h_j))^2 sum_i W_ij^2.
     */
    public static INDArray jacobianNorm(INDArray h, INDArray w) {
        INDArray slope = h.mul(h.rsub(1.0));
        return slope.mul(slope).mulRowVector(w.mul(w).sum(0)).sum(true, 1);
    }

    /** Seed of the denoising noise (default 0). */
    public Autoencoder seed(long seed) {
        this.noise = new Random(seed);
        return this;
    }

    public Model encoder() { return encoder; }

    public Model decoder() { return decoder; }

    /** The code f(x), in inference mode. */
    public INDArray encode(INDArray x) { return encoder.predict(x); }

    /** g(f(x)), in inference mode. */
    public INDArray reconstruct(INDArray x) { return decoder.predict(encoder.predict(x)); }

    /** x + N(0, sigma^2) noise drawn from this autoencoder's seeded generator, in x's data type. */
    public INDArray corrupt(INDArray x, double sigma) {
        double[] e = new double[(int) x.length()];
        for (int i = 0; i < e.length; i++) e[i] = sigma * noise.nextGaussian();
        return x.add(Nd4j.createFromArray(e).reshape(x.shape()).castTo(x.dataType()));
    }

    @Override
    public Map<String, Double> train(Dataset batch) {
        INDArray x = batch.features();
        Pass code = encoder.forward(noiseStd > 0 ? corrupt(x, noiseStd) : x);
        INDArray h = code.output();
        Pass reconstruction = decoder.forward(h);
        double loss = reconstruction.backward(x);
        reconstruction.update();
        INDArray error = reconstruction.inputGradient();
        if (l1 > 0) error = error.add(Transforms.sign(h).muli(l1));
        if (klWeight > 0) error = error.add(klSparsityError(h, targetActivation, klWeight));
        INDArray w = contraction > 0 ? encoder.weights(codeLayer) : null;
        if (contraction > 0) {
            // through h: d/dh of lambda s_j (h_j (1 - h_j))^2 = lambda s_j 2 h_j (1 - h_j) (1 - 2 h_j), s_j = sum_i W_ij^2
            INDArray slope = h.mul(h.rsub(1.0));
            error = error.add(slope.mul(h.mul(-2.0).addi(1.0)).mulRowVector(w.mul(w).sum(0)).muli(2 * contraction));
        }
        code.backwardFrom(error);
        if (contraction > 0) {
            // directly through W: lambda 2 W_ij sum_n (h_nj (1 - h_nj))^2, the batch's summed penalty
            INDArray slope = h.mul(h.rsub(1.0));
            code.gradient(codeLayer, "W").addi(w.mulRowVector(slope.mul(slope).sum(0)).muli(2 * contraction));
        }
        code.update();
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", loss);
        logs.put("l1_code", l1 * Transforms.abs(h).sumNumber().doubleValue() / x.size(0));
        logs.put("mean_activation", h.meanNumber().doubleValue());
        if (klWeight > 0) logs.put("kl_code", klWeight * klSparsity(h, targetActivation));
        if (contraction > 0) logs.put("jacobian_norm", jacobianNorm(h, w).meanNumber().doubleValue());
        return logs;
    }

    /** The decoder's loss on {@code data}'s clean inputs reconstructed in inference mode. */
    @Override
    public Map<String, Double> evaluate(Dataset data) {
        return Map.of("reconstruction_loss", decoder.loss(Dataset.of(encode(data.features()), data.features())));
    }

    @Override
    public void epochDone() {
        encoder.network().incrementEpochCount();
        decoder.network().incrementEpochCount();
    }
}
