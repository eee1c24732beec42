package io.neurite.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.datavec.api.io.filters.BalancedPathFilter;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.split.FileSplit;
import org.datavec.api.split.InputSplit;
import org.datavec.image.loader.NativeImageLoader;
import org.datavec.image.recordreader.ImageRecordReader;
import org.datavec.image.transform.ImageTransform;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A user's labelled images, one sub-folder per class ({@code root/cat/1.jpg}, {@code root/dog/7.png}), read with
 * DataVec's {@link ImageRecordReader}: every image is resized to height x width, pixels scaled to [0, 1], features
 * [n, channels, height, width]; class names are the sub-folder names in alphabetical order. An optional DataVec
 * {@link ImageTransform} (flip, rotate, crop...) is applied to each image as it is read, for augmentation.
 */
public final class ImageFolder {
    private final Path root;
    private final int height;
    private final int width;
    private final int channels;
    private ImageTransform transform;

    private ImageFolder(Path root, int height, int width, int channels) {
        this.root = root;
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    /** Images under {@code root}, resized to {@code height x width} with {@code channels} (1 grey, 3 colour). */
    public static ImageFolder of(Path root, int height, int width, int channels) {
        if (!Files.isDirectory(root)) throw new IllegalArgumentException(root + " is not a folder of class sub-folders");
        return new ImageFolder(root, height, width, channels);
    }

    /** Applies {@code t} to every image as it is read (e.g. new FlipImageTransform(random) for augmentation). */
    public ImageFolder transform(ImageTransform t) {
        this.transform = t;
        return this;
    }

    /** Every image, shuffled with {@code seed}. */
    public Dataset load(long seed) {
        return read(new FileSplit(root.toFile(), NativeImageLoader.ALLOWED_FORMATS, new Random(seed)));
    }

    /** A split with {@code trainFraction} of the images (balanced per class) for training, fixed by {@code seed}. */
    public TrainTest trainTest(double trainFraction, long seed) {
        Random random = new Random(seed);
        FileSplit all = new FileSplit(root.toFile(), NativeImageLoader.ALLOWED_FORMATS, random);
        InputSplit[] parts = all.sample(new BalancedPathFilter(random, NativeImageLoader.ALLOWED_FORMATS,
                new ParentPathLabelGenerator()), trainFraction, 1 - trainFraction);
        return new TrainTest(read(parts[0]), read(parts[1]));
    }

    private Dataset read(InputSplit split) {
        List<String> classes = classNames();
        try (ImageRecordReader reader = new ImageRecordReader(height, width, channels, new ParentPathLabelGenerator(),
                transform)) {
            reader.initialize(split);
            if (!reader.getLabels().equals(classes)) {
                throw new IllegalStateException("DataVec found classes " + reader.getLabels() + " but " + root
                        + " has sub-folders " + classes);
            }
            RecordReaderDataSetIterator it = new RecordReaderDataSetIterator(reader, 64, 1, classes.size());
            List<INDArray> x = new ArrayList<>();
            List<INDArray> y = new ArrayList<>();
            while (it.hasNext()) {
                DataSet batch = it.next();
                x.add(batch.getFeatures().div(255.0));
                y.add(batch.getLabels());
            }
            if (x.isEmpty()) throw new IllegalArgumentException("no images (" + String.join(", ",
                    NativeImageLoader.ALLOWED_FORMATS) + ") under " + root);
            return Dataset.of(Nd4j.concat(0, x.toArray(INDArray[]::new)), Nd4j.concat(0, y.toArray(INDArray[]::new)))
                    .withClassNames(classes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read images under " + root, e);
        }
    }

    private List<String> classNames() {
        try (var dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
