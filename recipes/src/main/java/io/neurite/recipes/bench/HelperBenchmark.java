package io.neurite.recipes.bench;

import io.neurite.nativeops.NativeBackend;
import io.neurite.util.NativeThreads;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * libnd4j ops with and without its platform helpers (oneDNN on the oneDNN builds), one thread, alternating rounds of
 * 0.5 s: the measurement behind {@code nativeops.BuiltinPooling} (pooling without the helpers) and behind keeping
 * them for convolution and batch norm. Shapes are LeNet-5's first layers at batch 64, a batch norm of
 * [64, 16, 28, 28] and the first transposed convolution of a DCGAN generator ([64, 128, 7, 7] to 64@4x4 stride 2). Prints per op the median ms with and without helpers and the median ratio with / without.
 * Run: {@code mvn -q compile exec:java -Dexec.mainClass=io.neurite.recipes.bench.HelperBenchmark} (optional arg:
 * rounds, default 5).
 */
public final class HelperBenchmark {
    private HelperBenchmark() { }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        NativeThreads.use(1);
        System.out.println(NativeBackend.describe());
        Nd4j.getRandom().setSeed(1);
        INDArray image = Nd4j.rand(DataType.FLOAT, 64, 1, 28, 28);
        INDArray maps = Nd4j.rand(DataType.FLOAT, 64, 6, 28, 28);
        INDArray pooledError = Nd4j.rand(DataType.FLOAT, 64, 6, 14, 14);
        INDArray kernel = Nd4j.rand(DataType.FLOAT, 5, 5, 1, 6);
        INDArray bias = Nd4j.rand(DataType.FLOAT, 6);
        INDArray wide = Nd4j.rand(DataType.FLOAT, 64, 16, 28, 28);
        INDArray ones = Nd4j.ones(DataType.FLOAT, 16);
        int[] pool = {2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 0};        // kernel, stride, padding, dilation, valid, extra, NCHW
        int[] conv = {5, 5, 1, 1, 2, 2, 1, 1, 0, 0, 0};        // ... padding 2, NCHW, kernel [kH, kW, in, out]
        Map<String, DynamicCustomOp.DynamicCustomOpsBuilder> ops = new LinkedHashMap<>();
        ops.put("maxpool2d", op("maxpool2d", pool, maps).addOutputs(Nd4j.create(DataType.FLOAT, 64, 6, 14, 14)));
        ops.put("maxpool2d_bp", op("maxpool2d_bp", pool, maps, pooledError).addOutputs(maps.ulike()));
        ops.put("avgpool2d", op("avgpool2d", pool, maps).addOutputs(Nd4j.create(DataType.FLOAT, 64, 6, 14, 14)));
        ops.put("conv2d", op("conv2d", conv, image, kernel, bias).addOutputs(maps.ulike()));
        ops.put("conv2d_bp", op("conv2d_bp", conv, image, kernel, bias, maps)
                .addOutputs(image.ulike(), kernel.ulike(), bias.ulike()));
        INDArray code = Nd4j.rand(DataType.FLOAT, 64, 128, 7, 7);
        INDArray upKernel = Nd4j.rand(DataType.FLOAT, 4, 4, 64, 128);
        INDArray upMaps = Nd4j.rand(DataType.FLOAT, 64, 64, 14, 14);
        int[] deconv = {4, 4, 2, 2, 0, 0, 1, 1, 1, 0};          // 4x4, stride 2, 'same', NCHW, kernel [kH, kW, out, in]
        ops.put("deconv2d", op("deconv2d", deconv, code, upKernel, bias64()).addOutputs(upMaps.ulike()));
        ops.put("deconv2d_bp", op("deconv2d_bp", deconv, code, upKernel, bias64(), upMaps)
                .addOutputs(code.ulike(), upKernel.ulike(), bias64().ulike()));
        ops.put("batchnorm", op("batchnorm", new int[] {1, 1, 1}, wide, ones, ones, ones, ones)
                .addFloatingPointArguments(1e-5).addOutputs(wide.ulike()));
        System.out.println("op             helpers on   helpers off   on / off (median [min - max] of " + rounds + " rounds)");
        for (Map.Entry<String, DynamicCustomOp.DynamicCustomOpsBuilder> e : ops.entrySet()) {
            DynamicCustomOp built = e.getValue().build();
            double[] on = new double[rounds];
            double[] off = new double[rounds];
            double[] ratio = new double[rounds];
            time(built, true);
            time(built, false);
            for (int r = 0; r < rounds; r++) {
                on[r] = time(built, true);
                off[r] = time(built, false);
                ratio[r] = on[r] / off[r];
            }
            System.out.printf("%-14s %8.2f ms   %8.2f ms   %5.2f [%.2f - %.2f]%n", e.getKey(), median(on), median(off),
                    median(ratio), Arrays.stream(ratio).min().orElse(0), Arrays.stream(ratio).max().orElse(0));
        }
        Nd4j.getEnvironment().allowHelpers(true);
    }

    private static INDArray bias64() { return Nd4j.zeros(DataType.FLOAT, 64); }

    private static DynamicCustomOp.DynamicCustomOpsBuilder op(String name, int[] intArgs, INDArray... inputs) {
        return DynamicCustomOp.builder(name).addInputs(inputs).addIntegerArguments(intArgs);
    }

    private static double time(DynamicCustomOp op, boolean helpers) {
        Nd4j.getEnvironment().allowHelpers(helpers);
        long t0 = System.nanoTime();
        int n = 0;
        while (n < 3 || System.nanoTime() - t0 < 0.5e9) {
            Nd4j.exec(op);
            n++;
        }
        return (System.nanoTime() - t0) / 1e6 / n;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
