package io.jkeras.layers;

import io.jkeras.layers.preprocessing.AffineTransform;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The resampling plan against a pixel-by-pixel port of TensorFlow's kernel, in every fill mode and interpolation. */
class AffineTransformTest {
    @Test
    void matchesTensorFlowsProjectiveTransform() {
        Random r = new Random(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 6, 7, 2);
        for (String interpolation : AffineTransform.INTERPOLATIONS) {
            for (String mode : AffineTransform.FILL_MODES) {
                // rotations, scalings and shifts far enough to go several image sizes outside
                double[][] t = new double[3][];
                for (int i = 0; i < 3; i++) {
                    double a = (r.nextDouble() - 0.5) * 4, s = 0.5 + r.nextDouble();
                    t[i] = new double[]{s * Math.cos(a), -s * Math.sin(a), (r.nextDouble() - 0.5) * 30,
                            s * Math.sin(a), s * Math.cos(a), (r.nextDouble() - 0.5) * 30};
                }
                AffineTransform plan = AffineTransform.plan(t, 6, 7, interpolation, mode);
                INDArray got = plan.apply(x, 0.7);
                INDArray ref = ImageReference.affine(x, t, interpolation, mode, 0.7);
                assertThat(Transforms.abs(got.sub(ref)).maxNumber().doubleValue()).as("%s %s", interpolation, mode).isLessThan(1e-12);
                // the adjoint is the transpose: <A x, g> = <x, A' g>
                INDArray g = Nd4j.rand(DataType.DOUBLE, 3, 6, 7, 2);
                double lhs = plan.apply(x, 0).mul(g).sumNumber().doubleValue(), rhs = x.mul(plan.adjoint(g)).sumNumber().doubleValue();
                assertThat(lhs).isCloseTo(rhs, within(1e-10));
            }
        }
    }

    @Test
    void zoomsAndShiftsTakeTheSeparablePathWithTheSameResult() {
        Random r = new Random(5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 6, 7, 2);
        for (String interpolation : AffineTransform.INTERPOLATIONS) {
            for (String mode : AffineTransform.FILL_MODES) {
                double[][] t = new double[3][];
                for (int i = 0; i < 3; i++) {
                    t[i] = new double[]{0.3 + 1.5 * r.nextDouble(), 0, (r.nextDouble() - 0.5) * 20, 0, 0.3 + 1.5 * r.nextDouble(), (r.nextDouble() - 0.5) * 20};
                }
                AffineTransform plan = AffineTransform.plan(t, 6, 7, interpolation, mode);
                INDArray ref = ImageReference.affine(x, t, interpolation, mode, -0.4);
                assertThat(Transforms.abs(plan.apply(x, -0.4).sub(ref)).maxNumber().doubleValue()).as("%s %s", interpolation, mode).isLessThan(1e-12);
                INDArray g = Nd4j.rand(DataType.DOUBLE, 3, 6, 7, 2);
                double lhs = plan.apply(x, 0).mul(g).sumNumber().doubleValue(), rhs = x.mul(plan.adjoint(g)).sumNumber().doubleValue();
                assertThat(lhs).isCloseTo(rhs, within(1e-10));
            }
        }
    }

    @Test
    void fillModesOnAShiftedRow() {
        // One row [a b c d] = [1 2 3 4]; output x reads input x - 2, so the first two pixels come from outside:
        // reflect (b a | a b c d), wrap (c d | a b c d), nearest (a a | a b c d), constant (k k | a b c d).
        INDArray row = Nd4j.createFromArray(1.0, 2.0, 3.0, 4.0).reshape(1, 1, 4, 1);
        double[][] shift = {{1, 0, -2, 0, 1, 0}}; // a shift: the separable path
        assertThat(AffineTransform.plan(shift, 1, 4, "nearest", "reflect").apply(row, 0).reshape(4).toDoubleVector()).containsExactly(2, 1, 1, 2);
        assertThat(AffineTransform.plan(shift, 1, 4, "nearest", "wrap").apply(row, 0).reshape(4).toDoubleVector()).containsExactly(3, 4, 1, 2);
        assertThat(AffineTransform.plan(shift, 1, 4, "nearest", "nearest").apply(row, 0).reshape(4).toDoubleVector()).containsExactly(1, 1, 1, 2);
        assertThat(AffineTransform.plan(shift, 1, 4, "bilinear", "constant").apply(row, 9).reshape(4).toDoubleVector()).containsExactly(9, 9, 1, 2);
    }
}
