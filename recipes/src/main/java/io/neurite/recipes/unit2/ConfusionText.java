package io.neurite.recipes.unit2;

/** A confusion matrix as text: a header of predicted classes, then one row per actual class. */
final class ConfusionText {
    private ConfusionText() { }

    /** counts[actual][predicted] as aligned text, classes numbered from 0. */
    static String of(int[][] counts) {
        StringBuilder sb = new StringBuilder("       ");
        for (int p = 0; p < counts.length; p++) sb.append(String.format("%5d", p));
        sb.append('\n');
        for (int a = 0; a < counts.length; a++) {
            sb.append(String.format("  %2d | ", a));
            for (int c : counts[a]) sb.append(String.format("%5d", c));
            sb.append('\n');
        }
        return sb.toString();
    }
}
