package io.jkeras.initializers;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConstantInitializersTest {
    @Test
    void zerosOnesAndConstantFillTheShapeInTheDtype() {
        for (DataType t : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            INDArray z = new Zeros().apply(new long[]{2, 3}, t);
            INDArray o = new Ones().apply(new long[]{2, 3}, t);
            INDArray c = new Constant(0.25).apply(new long[]{3, 1, 2}, t);
            assertThat(z.dataType()).isEqualTo(t);
            assertThat(o.dataType()).isEqualTo(t);
            assertThat(c.dataType()).isEqualTo(t);
            assertThat(z.reshape(6).toDoubleVector()).containsOnly(0.0).hasSize(6);
            assertThat(o.reshape(6).toDoubleVector()).containsOnly(1.0).hasSize(6);
            assertThat(c.shape()).containsExactly(3, 1, 2);
            assertThat(c.reshape(6).toDoubleVector()).containsOnly(0.25);
        }
        assertThat(new Constant().apply(new long[]{2}, DataType.FLOAT).toDoubleVector()).containsExactly(0.0, 0.0);
    }

    @Test
    void identityIsTheEyeMatrixTimesGain() {
        assertThat(new Identity().apply(new long[]{3, 3}, DataType.FLOAT)).isEqualTo(Nd4j.eye(3).castTo(DataType.FLOAT));
        INDArray rect = new Identity(0.5).apply(new long[]{2, 3}, DataType.DOUBLE);
        assertThat(rect.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(rect.toDoubleMatrix()).isEqualTo(new double[][]{{0.5, 0, 0}, {0, 0.5, 0}});
        assertThat(new Identity().apply(new long[]{3, 2}, DataType.FLOAT).toDoubleMatrix())
                .isEqualTo(new double[][]{{1, 0}, {0, 1}, {0, 0}});
    }

    @Test
    void identityOnOtherRanksIsAKerasError() {
        assertThatThrownBy(() -> new Identity().apply(new long[]{3, 3, 3}, DataType.FLOAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Identity matrix initializer can only be used for 2D matrices. Received: shape=(3, 3, 3) of rank 3.");
    }
}
