package io.neurite.generative;

import io.neurite.model.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Scores of generated images measured with a classifier trained on the real data (the idea of FID and the Inception
 * score, with a classifier the project trains itself in place of Inception v3):
 * <ul>
 * <li>the Fréchet distance between Gaussians fitted to the classifier's features of real and generated images,
 * d^2 = ||mu_r - mu_g||^2 + Tr(S_r + S_g - 2 (S_r S_g)^(1/2)) (Heusel et al. 2017; lower is better, 0 for the same
 * distribution);</li>
 * <li>the classifier score exp(E_x KL(p(y|x) || p(y))) (Salimans et al. 2016): near the number of classes when each
 * image is classified confidently and the classes are evenly used, 1 when the classifier cannot tell or every image
 * is of one class.</li>
 * </ul>
 * Tr (S_r S_g)^(1/2) is computed as the sum of the square roots of the eigenvalues of the symmetric positive
 * semi-definite R S_g R, with R = S_r^(1/2) = V diag(sqrt(lambda)) V^T from ND4J's symmetric eigendecomposition
 * (LAPACK syev); S_r S_g = R (R S_g R) R^-1 has the same eigenvalues. Everything is in double precision.
 * <pre>{@code
 * SampleQuality q = SampleQuality.of(lenet, "dense_2", testImages);
 * SampleQuality.Score s = q.score(gan.sample(500).reshape(500, 1, 28, 28));
 * }</pre>
 */
public final class SampleQuality {
    private final Model classifier;
    private final String featureLayer;
    private final INDArray realMean;
    private final INDArray realCovariance;

    private SampleQuality(Model classifier, String featureLayer, INDArray realFeatures) {
        this.classifier = classifier;
        this.featureLayer = featureLayer;
        this.realMean = realFeatures.mean(0);
        this.realCovariance = covariance(realFeatures);
    }

    /** The scores of samples, as measured against the real images. */
    public record Score(double frechetDistance, double classifierScore, double meanConfidence) { }

    /**
     * Scores against {@code realImages} with {@code classifier}'s (softmax output) class probabilities and the
     * output of its layer {@code featureLayer} (the penultimate layer, as FID uses Inception's pool features).
     */
    public static SampleQuality of(Model classifier, String featureLayer, INDArray realImages) {
        classifier.spec().node(featureLayer);
        if (realImages.size(0) < 2) {
            throw new IllegalArgumentException("the Fréchet distance needs at least 2 real images, got " + realImages.size(0));
        }
        return new SampleQuality(classifier, featureLayer, features(classifier, featureLayer, realImages));
    }

    /** The Fréchet distance, the classifier score and the mean top-class probability of {@code images}. */
    public Score score(INDArray images) {
        if (images.size(0) < 2) {
            throw new IllegalArgumentException("scores need at least 2 generated images, got " + images.size(0));
        }
        INDArray f = features(classifier, featureLayer, images);
        INDArray p = classifier.predict(images).castTo(DataType.DOUBLE);
        return new Score(frechetDistance(realMean, realCovariance, f.mean(0), covariance(f)), classifierScore(p),
                p.max(1).meanNumber().doubleValue());
    }

    /** The classes the classifier gives {@code images} (argmax of its output). */
    public int[] classes(INDArray images) { return classifier.predictClasses(images); }

    /** d^2 = ||mu1 - mu2||^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)) for Gaussians N(mu1, S1) and N(mu2, S2). */
    public static double frechetDistance(INDArray mu1, INDArray s1, INDArray mu2, INDArray s2) {
        INDArray m1 = mu1.castTo(DataType.DOUBLE).reshape(-1);
        INDArray m2 = mu2.castTo(DataType.DOUBLE).reshape(-1);
        INDArray a = s1.castTo(DataType.DOUBLE);
        INDArray b = s2.castTo(DataType.DOUBLE);
        if (m1.length() != m2.length() || !a.isSquare() || !b.isSquare() || a.rows() != m1.length()
                || b.rows() != m1.length()) {
            throw new IllegalArgumentException("the Fréchet distance needs two means of one length d and two d x d "
                    + "covariances; got means of " + m1.length() + " and " + m2.length() + ", covariances "
                    + java.util.Arrays.toString(a.shape()) + " and " + java.util.Arrays.toString(b.shape()));
        }
        double meanTerm = Transforms.pow(m1.sub(m2), 2).sumNumber().doubleValue();
        INDArray r = sqrtPsd(a);
        INDArray middle = r.mmul(b).mmul(r);
        INDArray lambdas = Eigen.symmetricGeneralizedEigenvalues(symmetric(middle), false);
        double traceSqrt = Transforms.sqrt(Transforms.max(lambdas, 0.0)).sumNumber().doubleValue();
        return meanTerm + trace(a) + trace(b) - 2 * traceSqrt;
    }

    /**
     * exp(mean_i KL(p_i || p_bar)) for rows p_i of class probabilities, p_bar their mean; terms with p = 0 count 0.
     */
    public static double classifierScore(INDArray probabilities) {
        INDArray p = probabilities.castTo(DataType.DOUBLE);
        INDArray marginal = p.mean(0);
        INDArray logRatio = Transforms.log(p.add(1e-300)).subRowVector(Transforms.log(marginal.add(1e-300)));
        return Math.exp(p.mul(logRatio).sum(1).meanNumber().doubleValue());
    }

    /** The symmetric positive semi-definite square root V diag(sqrt(max(lambda, 0))) V^T of a symmetric matrix. */
    static INDArray sqrtPsd(INDArray symmetricMatrix) {
        INDArray vectors = symmetric(symmetricMatrix.castTo(DataType.DOUBLE));
        INDArray lambdas = Eigen.symmetricGeneralizedEigenvalues(vectors, true);
        INDArray roots = Transforms.sqrt(Transforms.max(lambdas, 0.0));
        return vectors.mulRowVector(roots).mmul(vectors.transpose());
    }

    /** (M + M^T) / 2, a fresh array in c order: rounding leaves products of symmetric matrices slightly asymmetric. */
    private static INDArray symmetric(INDArray m) {
        return m.add(m.transpose()).muli(0.5).dup('c');
    }

    private static double trace(INDArray m) {
        return Nd4j.diag(m).sumNumber().doubleValue();
    }

    /** Sample covariance (1/(n-1)) of the rows. */
    static INDArray covariance(INDArray rows) {
        INDArray x = rows.castTo(DataType.DOUBLE);
        INDArray c = x.subRowVector(x.mean(0));
        return c.transpose().mmul(c).divi(x.size(0) - 1);
    }

    private static INDArray features(Model classifier, String layer, INDArray images) {
        INDArray f = classifier.activation(layer, images).castTo(DataType.DOUBLE);
        return f.reshape(f.size(0), f.length() / f.size(0));
    }
}
