package io.neurite.nativeops;

import org.nd4j.common.base.Preconditions;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * c = op(a) op(b) + beta c over arrays fixed once (buffers, or views of buffers, that outlive it), run many times:
 * libnd4j's mmul with its op and op context built once. {@code Nd4j.gemm} builds both on every call (an op id drawn
 * from SecureRandom, native argument buffers, then freeing them): about 15-20 us of a 60-120 us product of a
 * recurrent step here. The context's native memory is freed with it by ND4J's deallocator service.
 */
final class Product {
    private final Mmul op;
    private final OpContext context;

    /** c = op(a) op(b) + beta c, op the transpose where asked; c contiguous (as {@code Nd4j.gemm} requires). */
    Product(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c, double beta) {
        Preconditions.checkArgument(c.elementWiseStride() == 1, "Product: the result must be a contiguous array");
        op = new Mmul(a, b, c, 1.0, beta, MMulTranspose.builder().transposeA(transposeA).transposeB(transposeB).build());
        context = Nd4j.getExecutioner().buildContext();
        context.setInputArrays(a, b);
        context.setOutputArrays(c);
        context.setIArguments(transposeA ? 1 : 0, transposeB ? 1 : 0, 0);
        context.setTArguments(1.0, beta);
    }

    /** Computes the product into c. */
    void run() { Nd4j.exec(op, context); }
}
