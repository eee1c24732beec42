package io.neurite.train;

import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows training progress: a bar per epoch in a terminal, a line per epoch elsewhere (logs, notebooks), or nothing. */
public interface Progress {
    void epochStart(int epoch, int epochs, int steps);

    void step(double loss);

    void epochEnd(int epoch, int epochs, Map<String, Double> logs, double seconds);

    /** A note about training as a whole, such as why it stopped early. */
    default void message(String text) { System.out.println(text); }

    /** A progress bar when attached to a terminal, else one line per epoch. */
    static Progress auto() { return System.console() != null ? bar() : lines(); }

    /** A terminal progress bar per epoch with steps, elapsed time and running loss. */
    static Progress bar() { return new Bar(); }

    /** One line per epoch: "Epoch 3/10 - 1.2s - loss 0.1234 - accuracy 0.9612 ...". */
    static Progress lines() {
        return new Progress() {
            @Override public void epochStart(int epoch, int epochs, int steps) { }

            @Override public void step(double loss) { }

            @Override
            public void epochEnd(int epoch, int epochs, Map<String, Double> logs, double seconds) {
                System.out.println(line(epoch, epochs, logs, seconds));
            }
        };
    }

    static Progress silent() {
        return new Progress() {
            @Override public void epochStart(int epoch, int epochs, int steps) { }

            @Override public void step(double loss) { }

            @Override public void epochEnd(int epoch, int epochs, Map<String, Double> logs, double seconds) { }

            @Override public void message(String text) { }
        };
    }

    /** The per-epoch summary line. */
    static String line(int epoch, int epochs, Map<String, Double> logs, double seconds) {
        StringBuilder sb = new StringBuilder(String.format("Epoch %d/%d - %.1fs", epoch, epochs, seconds));
        logs.forEach((k, v) -> sb.append(String.format(" - %s %.4g", k, v)));
        return sb.toString();
    }

    /** me.tongfei progress bar, closed at the end of each epoch and followed by the summary line. */
    final class Bar implements Progress {
        private ProgressBar bar;
        private double lossSum;
        private int steps;

        @Override
        public void epochStart(int epoch, int epochs, int totalSteps) {
            lossSum = 0;
            steps = 0;
            bar = new ProgressBarBuilder().setTaskName(String.format("Epoch %d/%d", epoch, epochs))
                    .setInitialMax(totalSteps).setStyle(ProgressBarStyle.ASCII).continuousUpdate().build();
        }

        @Override
        public void step(double loss) {
            lossSum += loss;
            steps++;
            bar.step();
            bar.setExtraMessage(String.format("loss %.4f", lossSum / steps));
        }

        @Override
        public void epochEnd(int epoch, int epochs, Map<String, Double> logs, double seconds) {
            bar.close();
            System.out.println(line(epoch, epochs, logs, seconds));
        }
    }
}
