package io.neurite.generative;

import io.neurite.data.Dataset;
import io.neurite.model.Model;
import io.neurite.model.Pass;
import io.neurite.train.TrainingStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A variational autoencoder (Kingma and Welling 2014) from two ordinary models trained with {@code fit}: the encoder,
 * compiled with {@code compile(optimizer)} alone, has two outputs named {@code "mu"} and {@code "log_var"}, the mean
 * and log-variance of q(z|x) = N(mu, diag(exp(log_var))); the decoder, compiled with its reconstruction loss (the
 * negative log-likelihood -log p(x|z), e.g. binary cross-entropy), maps a code z back. Each step draws
 * z = mu + exp(log_var / 2) * eps with eps ~ N(0, I) (the reparameterization, so gradients reach mu and log_var) and
 * minimizes the negative ELBO, reconstruction + KL, with the closed form
 * KL(q || N(0, I)) = -1/2 sum_j (1 + log_var_j - mu_j^2 - exp(log_var_j)) ({@link #kl}). History logs both terms,
 * {@code reconstruction} and {@code kl}, per example, and {@code loss}, their sum.
 */
public final class Vae implements TrainingStep {
    private final Model encoder;
    private final Model decoder;
    private final int muIndex;
    private final int logVarIndex;
    private Random noise = new Random(0);

    private Vae(Model encoder, Model decoder) {
        this.encoder = encoder;
        this.decoder = decoder;
        List<String> outputs = encoder.spec().outputs();
        this.muIndex = outputs.indexOf("mu");
        this.logVarIndex = outputs.indexOf("log_var");
    }

    /** The VAE of {@code encoder} (outputs "mu" and "log_var", no loss) and {@code decoder} (with its loss). */
    public static Vae of(Model encoder, Model decoder) {
        List<String> outputs = encoder.spec().outputs();
        if (encoder.optimizer() == null || !encoder.losses().isEmpty() || outputs.size() != 2
                || !outputs.contains("mu") || !outputs.contains("log_var")) {
            throw new IllegalArgumentException("the encoder '" + encoder.name() + "' must have two outputs named 'mu' "
                    + "and 'log_var' (g.output(h.dense(k).named(\"mu\"), h.dense(k).named(\"log_var\"))) and be "
                    + "compiled with compile(optimizer) alone; it has outputs " + outputs);
        }
        if (decoder.losses() == null || decoder.losses().size() != 1) {
            throw new IllegalArgumentException("the decoder '" + decoder.name() + "' must have one output compiled with "
                    + "its reconstruction loss, e.g. compile(Loss.binaryCrossEntropy(), optimizer)");
        }
        return new Vae(encoder, decoder);
    }

    /** Seed of eps (default 0). */
    public Vae seed(long seed) {
        this.noise = new Random(seed);
        return this;
    }

    public Model encoder() { return encoder; }

    public Model decoder() { return decoder; }

    /** KL(N(mu, diag(exp(logVar))) || N(0, I)) per example (a column): -1/2 sum_j (1 + logVar - mu^2 - exp(logVar)). */
    public static INDArray kl(INDArray mu, INDArray logVar) {
        return logVar.add(1.0).subi(mu.mul(mu)).subi(Transforms.exp(logVar)).sum(true, 1).muli(-0.5);
    }

    /** n x d standard normal values in {@code like}'s data type, from this VAE's seeded generator. */
    public INDArray epsilon(long n, long d, INDArray like) {
        double[] e = new double[(int) (n * d)];
        for (int i = 0; i < e.length; i++) e[i] = noise.nextGaussian();
        return Nd4j.createFromArray(e).reshape(n, d).castTo(like.dataType());
    }

    /** Decodes {@code n} codes drawn from the prior N(0, I): new examples. */
    public INDArray sample(int n) {
        long d = decoder.spec().inputs().values().iterator().next().elements();
        INDArray like = Nd4j.zeros(decoder.spec().dataType(), 1);
        return decoder.predict(epsilon(n, d, like));
    }

    /** The decoded means, g(mu(x)), in inference mode. */
    public INDArray reconstruct(INDArray x) {
        return decoder.predict(encoder.predict(Map.of(inputName(), x)).get("mu"));
    }

    private String inputName() { return encoder.spec().inputs().keySet().iterator().next(); }

    @Override
    public Map<String, Double> train(Dataset batch) {
        INDArray x = batch.features();
        long n = x.size(0);
        Pass q = encoder.forward(x);
        INDArray mu = q.output("mu");
        INDArray logVar = q.output("log_var");
        INDArray sigma = Transforms.exp(logVar.mul(0.5));
        INDArray eps = epsilon(n, mu.size(1), mu);
        INDArray z = mu.add(sigma.mul(eps));
        Pass p = decoder.forward(z);
        double reconstruction = p.backward(x);
        p.update();
        INDArray dz = p.inputGradient();
        INDArray[] errors = new INDArray[2];
        errors[muIndex] = dz.add(mu);                                           // dz/dmu = 1; dKL/dmu = mu
        errors[logVarIndex] = dz.mul(eps).muli(sigma).muli(0.5)                 // dz/dlog_var = eps sigma / 2
                .addi(Transforms.exp(logVar).subi(1.0).muli(0.5));              // dKL/dlog_var = (exp(log_var) - 1) / 2
        q.backwardFrom(errors);
        q.update();
        double klMean = kl(mu, logVar).meanNumber().doubleValue();
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", reconstruction + klMean);
        logs.put("reconstruction", reconstruction);
        logs.put("kl", klMean);
        return logs;
    }

    @Override
    public void epochDone() {
        encoder.network().incrementEpochCount();
        decoder.network().incrementEpochCount();
    }
}
