package io.jkeras.optimizers;

import io.jkeras.Variable;
import io.jkeras.testing.Float64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading and restoring optimizer state, in Keras 3's names and order. */
@ExtendWith(Float64.class)
class OptimizerStateTest {
    static Stream<Supplier<Optimizer>> optimizers() {
        return Stream.of(() -> new SGD(0.1).momentum(0.9).nesterov(true),
                () -> new RMSprop(0.01).centered(true).momentum(0.5),
                () -> new Adam(0.05).amsgrad(true),
                () -> new AdamW(0.05),
                () -> new Adagrad(0.1),
                () -> new Adadelta(1.0),
                () -> new Adamax(0.05),
                () -> new Nadam(0.05),
                () -> new Ftrl(0.5).l1RegularizationStrength(0.01),
                () -> new Lion(0.01));
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void anOptimizerRestoredFromAnothersStateContinuesIdentically(Supplier<Optimizer> make) {
        Optimizer a = make.get();
        List<Variable> varsA = Fixtures.variables(DataType.DOUBLE);
        for (int s = 0; s < 3; s++) {
            Fixtures.feed(varsA, s);
            a.apply(varsA);
        }
        // One restored by name, one by position (as from a .keras file's optimizer/vars/0..n).
        Optimizer byName = make.get();
        List<Variable> varsB = copies(varsA);
        byName.build(varsB);
        byName.setState(a.state());
        Optimizer byPosition = make.get();
        List<Variable> varsC = copies(varsA);
        byPosition.build(varsC);
        assertThat(byPosition.setVariables(a.variables())).isTrue();
        assertThat(byName.iterations()).isEqualTo(3);
        assertThat(byPosition.iterations()).isEqualTo(3);

        for (int s = 3; s < 6; s++) {
            Fixtures.feed(varsA, s);
            Fixtures.feed(varsB, s);
            Fixtures.feed(varsC, s);
            a.apply(varsA);
            byName.apply(varsB);
            byPosition.apply(varsC);
            for (int k = 0; k < varsA.size(); k++) {
                assertThat(Fixtures.flat(varsB.get(k))).containsExactly(Fixtures.flat(varsA.get(k)));
                assertThat(Fixtures.flat(varsC.get(k))).containsExactly(Fixtures.flat(varsA.get(k)));
            }
        }
    }

    @Test
    void adamStateIsNamedAndOrderedAsKeras3() {
        Adam adam = new Adam().amsgrad(true);
        adam.build(Fixtures.variables(DataType.DOUBLE));
        // Keras 3 interleaves momentum/velocity per variable (as its .keras files show), then velocity_hat.
        assertThat(adam.state().keySet()).containsExactly("iteration", "learning_rate",
                "dense_kernel_momentum", "dense_kernel_velocity", "dense_bias_momentum", "dense_bias_velocity",
                "dense_kernel_velocity_hat", "dense_bias_velocity_hat");
        List<INDArray> vars = adam.variables();
        assertThat(vars.get(0).dataType()).isEqualTo(DataType.LONG);
        assertThat(vars.get(2).shape()).containsExactly(2, 3);
        assertThat(vars.get(4).shape()).containsExactly(4);
    }

    /**
     * The shapes of optimizer/vars/0..13 in model.weights.h5 of a .keras file saved by Keras 3.13.2
     * (shared/keras-fixtures/external/ANINDASAU__graduate-admission-prediction/model.keras): an Adam
     * over Dense 7-7-7-1, i.e. kernels (7, 7), (7, 7), (7, 1) and their biases.
     */
    @Test
    void adamVariablesLineUpWithARealKeras3File() {
        long[][] keras = {{}, {}, {7, 7}, {7, 7}, {7}, {7}, {7, 7}, {7, 7}, {7}, {7}, {7, 1}, {7, 1}, {1}, {1}};
        List<Variable> model = new ArrayList<>();
        long[][] weights = {{7, 7}, {7}, {7, 7}, {7}, {7, 1}, {1}};
        for (int i = 0; i < weights.length; i++) {
            model.add(new Variable("w" + i, "dense_" + i / 2 + "/w" + i,
                    org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, weights[i]), true, null, null));
        }
        Adam adam = new Adam();
        adam.build(model);
        List<INDArray> vars = adam.variables();
        assertThat(vars).hasSize(keras.length);
        for (int i = 0; i < keras.length; i++) assertThat(vars.get(i).shape()).as("var %d", i).containsExactly(keras[i]);
    }

    @Test
    void otherOptimizersStateLayouts() {
        assertThat(keys(new RMSprop().centered(true).momentum(0.5))).containsExactly("iteration", "learning_rate",
                "dense_kernel_velocity", "dense_bias_velocity", "dense_kernel_momentum", "dense_bias_momentum",
                "dense_kernel_average_gradient", "dense_bias_average_gradient");
        assertThat(keys(new SGD())).containsExactly("iteration", "learning_rate");
        assertThat(keys(new SGD().momentum(0.9))).containsExactly("iteration", "learning_rate",
                "dense_kernel_momentum", "dense_bias_momentum");
        assertThat(keys(new Adamax())).containsExactly("iteration", "learning_rate",
                "dense_kernel_momentum", "dense_kernel_norm", "dense_bias_momentum", "dense_bias_norm");
        assertThat(keys(new Adadelta())).containsExactly("iteration", "learning_rate",
                "dense_kernel_accumulated_grad", "dense_kernel_accumulated_delta_var",
                "dense_bias_accumulated_grad", "dense_bias_accumulated_delta_var");
        assertThat(keys(new Ftrl())).containsExactly("iteration", "learning_rate",
                "dense_kernel_accumulator", "dense_kernel_linear", "dense_bias_accumulator", "dense_bias_linear");
        assertThat(keys(new Nadam())).endsWith("dense_bias_velocity", "u_product");
        assertThat(keys(new Adam(new io.jkeras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.9))))
                .startsWith("iteration", "dense_kernel_momentum");
    }

    @Test
    void nadamReadsTheEarlierKeras3LayoutWithUProductFirst() {
        Nadam a = new Nadam(0.05);
        List<Variable> varsA = Fixtures.variables(DataType.DOUBLE);
        for (int s = 0; s < 3; s++) {
            Fixtures.feed(varsA, s);
            a.apply(varsA);
        }
        List<INDArray> old = new ArrayList<>(a.variables());
        old.add(2, old.remove(old.size() - 1));          // iteration, learning_rate, u_product, slots...
        Nadam b = new Nadam(0.05);
        b.build(copies(varsA));
        assertThat(b.setVariables(old)).isTrue();
        assertThat(b.state().get("u_product").getDouble(0)).isEqualTo(a.state().get("u_product").getDouble(0));
        assertThat(b.state().get("dense_kernel_momentum")).isEqualTo(a.state().get("dense_kernel_momentum"));
    }

    @Test
    void initialSlotValuesFollowKeras() {
        Adagrad adagrad = new Adagrad();
        adagrad.build(Fixtures.variables(DataType.DOUBLE));
        assertThat(adagrad.state().get("dense_kernel_accumulator").reshape(-1).toDoubleVector()).containsOnly(0.1);
        Ftrl ftrl = new Ftrl().initialAccumulatorValue(0.3);
        ftrl.build(Fixtures.variables(DataType.DOUBLE));
        assertThat(ftrl.state().get("dense_bias_accumulator").toDoubleVector()).containsOnly(0.3);
        assertThat(ftrl.state().get("dense_bias_linear").toDoubleVector()).containsOnly(0.0);
    }

    @Test
    void restoringNeedsABuiltOptimizerAndTheRightCount() {
        Adam fresh = new Adam();
        assertThatThrownBy(() -> fresh.setState(new Adam().state())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("build");
        Adam built = new Adam();
        built.build(Fixtures.variables(DataType.DOUBLE));
        assertThat(built.setVariables(List.of(built.variables().get(0)))).isFalse();
        assertThatThrownBy(() -> built.setState(new java.util.HashMap<>())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iteration");
    }

    @Test
    void structuralOptionsAreFixedOnceBuilt() {
        Adam adam = new Adam();
        adam.build(Fixtures.variables(DataType.DOUBLE));
        assertThatThrownBy(() -> adam.amsgrad(true)).isInstanceOf(IllegalStateException.class);
        SGD sgd = new SGD();
        sgd.build(Fixtures.variables(DataType.DOUBLE));
        assertThatThrownBy(() -> sgd.momentum(0.9)).isInstanceOf(IllegalStateException.class);
    }

    private static List<String> keys(Optimizer o) {
        o.build(Fixtures.variables(DataType.DOUBLE));
        return new ArrayList<>(o.state().keySet());
    }

    private static List<Variable> copies(List<Variable> vars) {
        List<Variable> out = new ArrayList<>();
        for (Variable v : vars) out.add(new Variable(v.name(), v.path(), v.value().dup(), true, null, null));
        return out;
    }
}
