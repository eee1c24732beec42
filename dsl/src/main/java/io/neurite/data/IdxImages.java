package io.neurite.data;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Loads an MNIST-style pair of IDX image/label files into a {@link Dataset}: pixels scaled to [0, 1], one-hot labels. */
final class IdxImages {
    private IdxImages() { }

    /** Train ({@code train-*}) and test ({@code t10k-*}) files of {@code dataset}. */
    static TrainTest trainTest(String dataset, DataSize size, List<String> classNames) {
        return new TrainTest(
                load(DataFile.of(dataset, "train-images-idx3-ubyte", size),
                        DataFile.of(dataset, "train-labels-idx1-ubyte", size), classNames),
                load(DataFile.of(dataset, "t10k-images-idx3-ubyte", size),
                        DataFile.of(dataset, "t10k-labels-idx1-ubyte", size), classNames));
    }

    /** Flat features [n, rows*cols] in [0, 1] and one-hot labels [n, classes]. */
    static Dataset load(DataFile imagesFile, DataFile labelsFile, List<String> classNames) {
        Idx.Array images = Idx.read(imagesFile, Idx.IMAGES_MAGIC);
        Idx.Array labels = Idx.read(labelsFile, Idx.LABELS_MAGIC);
        if (images.count() != labels.count()) {
            throw new DataFormatException(labelsFile.name(), "byte 4", images.count() + " labels (one per image in "
                    + imagesFile.name() + ")", labels.count() + " labels");
        }
        int n = images.count();
        int pixels = images.dims()[1] * images.dims()[2];
        float[] x = new float[n * pixels];
        for (int i = 0; i < x.length; i++) x[i] = (images.values()[i] & 0xff) / 255f;
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = labels.values()[i] & 0xff;
            if (classes[i] >= classNames.size()) {
                throw new DataFormatException(labelsFile.name(), "byte " + (8 + i), "a label in [0, "
                        + classNames.size() + ")", Integer.toString(classes[i]));
            }
        }
        return Dataset.of(Nd4j.create(x, new long[] {n, pixels}, 'c').castTo(DataType.FLOAT),
                Dataset.oneHot(classes, classNames.size())).withClassNames(classNames);
    }
}
