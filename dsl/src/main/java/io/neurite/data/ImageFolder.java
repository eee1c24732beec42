package io.neurite.data;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.datavec.api.io.filters.BalancedPathFilter;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.split.CollectionInputSplit;
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
 *
 * <p>Images are the files whose extension (in any letter case) is one of DataVec's formats. A layout DataVec would
 * mislabel or reject (no class sub-folders, an image outside them or nested deeper, a class folder without images)
 * and an image that cannot be decoded fail with an {@link IllegalArgumentException} naming the folder or file, what
 * is wrong and the fix.
 */
public final class ImageFolder {
    private static final Set<String> FORMATS = Arrays.stream(NativeImageLoader.ALLOWED_FORMATS)
            .map(f -> f.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));

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

    /**
     * Images under {@code root}, resized to {@code height x width} (each at least 1) with {@code channels}: 1 grey,
     * 3 colour or 4 colour with alpha.
     */
    public static ImageFolder of(Path root, int height, int width, int channels) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("ImageFolder: " + root + (Files.exists(root) ? " is a file" : " does not"
                    + " exist") + "; pass a folder with one sub-folder of images per class, e.g. " + root.resolve("cat")
                    .resolve("1.jpg") + " and " + root.resolve("dog").resolve("2.png"));
        }
        requireSize(root, "height", height);
        requireSize(root, "width", width);
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new IllegalArgumentException("ImageFolder: channels " + channels + " for " + root + " is not"
                    + " supported; use 1 (grey), 3 (colour) or 4 (colour with alpha)");
        }
        return new ImageFolder(root, height, width, channels);
    }

    private static void requireSize(Path root, String setting, int pixels) {
        if (pixels < 1) {
            throw new IllegalArgumentException("ImageFolder: " + setting + " " + pixels + " for " + root + " is not an"
                    + " image size; every image is resized to height x width pixels, so both must be at least 1 (e.g."
                    + " 28 x 28 for digits, 224 x 224 for photos)");
        }
    }

    /** Applies {@code t} to every image as it is read (e.g. new FlipImageTransform(random) for augmentation). */
    public ImageFolder transform(ImageTransform t) {
        this.transform = t;
        return this;
    }

    /** Every image, shuffled with {@code seed}. */
    public Dataset load(long seed) {
        Layout layout = layout();
        List<URI> images = new ArrayList<>(layout.images());
        Collections.shuffle(images, new Random(seed));
        return read(new CollectionInputSplit(images), layout.classes());
    }

    /**
     * A split with {@code trainFraction} (in (0, 1)) of the images for training, fixed by {@code seed}; DataVec's
     * {@link BalancedPathFilter} takes as many images of each class as the smallest class has.
     */
    public TrainTest trainTest(double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("ImageFolder: trainFraction " + trainFraction + " must be in (0, 1) so"
                    + " that both the training and the test part get images (e.g. 0.8)");
        }
        Layout layout = layout();
        Random random = new Random(seed);
        InputSplit[] parts = new CollectionInputSplit(layout.images()).sample(new BalancedPathFilter(random, null,
                new ParentPathLabelGenerator()), trainFraction, 1 - trainFraction);
        for (int i = 0; i < 2; i++) {
            if (parts[i].length() == 0) {
                throw new IllegalArgumentException("ImageFolder: " + root + " leaves no images for the "
                        + (i == 0 ? "training" : "test") + " part with trainFraction " + trainFraction + " ("
                        + layout.images().size() + " images in " + layout.classes().size() + " classes); add images"
                        + " or choose a trainFraction nearer 0.5");
            }
        }
        return new TrainTest(read(parts[0], layout.classes()), read(parts[1], layout.classes()));
    }

    /** The class names and image files under root, or an exception naming what in the layout DataVec cannot use. */
    private Layout layout() {
        List<Path> folders;
        List<Path> files;
        try (Stream<Path> children = Files.list(root);
                Stream<Path> all = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            folders = children.filter(Files::isDirectory).sorted().toList();
            files = all.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("ImageFolder: cannot list " + root, e);
        }
        List<Path> images = files.stream().filter(ImageFolder::isImage).toList();
        String layout = "; DataVec takes an image's class from its parent folder, so each image must sit directly in"
                + " a sub-folder named after its class, e.g. " + root.resolve("cat").resolve("1.jpg");
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("ImageFolder: " + root + " has no class sub-folders" + (images.isEmpty()
                    ? " and no images" : " (" + images.size() + " images lie directly in it)") + layout);
        }
        for (Path image : images) {
            if (image.getParent().equals(root) || !image.getParent().getParent().equals(root)) {
                throw new IllegalArgumentException("ImageFolder: " + image + " would be labelled '"
                        + image.getParent().getFileName() + "', which is not a class sub-folder of " + root + layout);
            }
        }
        for (Path folder : folders) {
            if (images.stream().noneMatch(i -> i.getParent().equals(folder))) {
                List<Path> other = files.stream().filter(f -> f.getParent().equals(folder)).toList();
                throw new IllegalArgumentException("ImageFolder: class folder " + folder + " has no images ("
                        + String.join(", ", FORMATS) + ")" + (other.isEmpty() ? ""
                        : "; it holds " + other.size() + " other files, e.g. " + other.get(0).getFileName())
                        + "; add its images or remove the folder");
            }
        }
        return new Layout(folders.stream().map(f -> f.getFileName().toString()).toList(),
                images.stream().map(Path::toUri).toList());
    }

    private record Layout(List<String> classes, List<URI> images) { }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && FORMATS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private Dataset read(InputSplit split, List<String> classes) {
        try (ImageRecordReader reader = new ImageRecordReader(height, width, channels, new ParentPathLabelGenerator(),
                transform)) {
            reader.initialize(split);
            reader.setLabels(classes);
            RecordReaderDataSetIterator it = new RecordReaderDataSetIterator(reader, 64, 1, classes.size());
            List<INDArray> x = new ArrayList<>();
            List<INDArray> y = new ArrayList<>();
            try {
                while (it.hasNext()) {
                    DataSet batch = it.next();
                    x.add(batch.getFeatures().div(255.0));
                    y.add(batch.getLabels());
                }
            } catch (RuntimeException e) {
                throw undecodable(split, e);
            }
            return Dataset.of(Nd4j.concat(0, x.toArray(INDArray[]::new)), Nd4j.concat(0, y.toArray(INDArray[]::new)))
                    .withClassNames(classes);
        } catch (IOException e) {
            throw new UncheckedIOException("ImageFolder: cannot read images under " + root, e);
        }
    }

    /** The first image of {@code split} that DataVec cannot decode, named; {@code failure} itself if none is found. */
    private RuntimeException undecodable(InputSplit split, RuntimeException failure) {
        NativeImageLoader loader = new NativeImageLoader(height, width, channels);
        for (URI location : split.locations()) {
            File file = new File(location);
            try {
                loader.asMatrix(file);
            } catch (IOException | RuntimeException e) {
                return new IllegalArgumentException("ImageFolder: " + file + " cannot be decoded as an image ("
                        + e.getMessage() + "): it is damaged, truncated or not an image despite its extension; replace"
                        + " it with a good copy or remove it", e);
            }
        }
        return failure;
    }
}
