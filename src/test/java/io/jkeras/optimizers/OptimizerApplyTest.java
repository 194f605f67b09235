package io.jkeras.optimizers;

import io.jkeras.Keras;
import io.jkeras.Variable;
import io.jkeras.constraints.Constraint;
import io.jkeras.optimizers.KerasReference.Ref;
import io.jkeras.testing.Float64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The apply pipeline around the update rules: missing gradients, constraints, options, data types. */
@ExtendWith(Float64.class)
class OptimizerApplyTest {
    @Test
    void aVariableWithoutGradientIsLeftUntouched() {
        List<Variable> vars = Fixtures.variables(DataType.DOUBLE);
        Adam adam = new Adam(0.1);
        Fixtures.feed(vars, 0, 1);
        adam.apply(vars);
        assertThat(Fixtures.flat(vars.get(1))).containsExactly(Fixtures.INITIAL[1]);
        assertThat(Fixtures.flat(vars.get(0))).isNotEqualTo(Fixtures.INITIAL[0]);
        assertThat(adam.state().get("dense_bias_momentum").sumNumber().doubleValue()).isZero();
        assertThat(adam.iterations()).isEqualTo(1);
    }

    @Test
    void noGradientAtAllIsAnErrorAsInKeras() {
        List<Variable> vars = Fixtures.variables(DataType.DOUBLE);
        Fixtures.feed(vars, 0, 0, 1);
        assertThatThrownBy(() -> new SGD().apply(vars)).hasMessage("No gradients provided for any variable.");
        new SGD().apply(List.of());   // nothing to train: a no-op, as Keras's empty apply
    }

    @Test
    void nonTrainableVariablesAreIgnored() {
        INDArray value = Nd4j.createFromArray(1.0, 2.0);
        Variable frozen = new Variable("moving_mean", "bn/moving_mean", value, false, null, null);
        frozen.addGrad(Nd4j.createFromArray(5.0, 5.0));
        List<Variable> vars = new java.util.ArrayList<>(Fixtures.variables(DataType.DOUBLE));
        vars.add(frozen);
        Fixtures.feed(vars.subList(0, 2), 0);
        SGD sgd = new SGD(0.1).momentum(0.9);
        sgd.apply(vars);
        assertThat(frozen.value().toDoubleVector()).containsExactly(1.0, 2.0);
        assertThat(sgd.builtVariables()).hasSize(2);
    }

    @Test
    void constraintsApplyToTheUpdatedValue() {
        Constraint nonNeg = new Constraint() {
            public INDArray apply(INDArray w) {
                return Transforms.max(w, 0.0, false);
            }

            public Map<String, Object> getConfig() {
                return Map.of();
            }
        };
        Constraint halve = new Constraint() {   // returns a new array: the optimizer must copy it back
            public INDArray apply(INDArray w) {
                return w.mul(0.5);
            }

            public Map<String, Object> getConfig() {
                return Map.of();
            }
        };
        for (Constraint c : List.of(nonNeg, halve)) {
            List<Variable> vars = Fixtures.variables(DataType.DOUBLE, c);
            INDArray live = vars.get(0).value();
            Fixtures.feed(vars, 0);
            new SGD(0.1).apply(vars);
            assertThat(vars.get(0).value()).isSameAs(live);
            for (int k = 0; k < 2; k++) {
                double[] g = Fixtures.grad(k, 0);
                double[] actual = Fixtures.flat(vars.get(k));
                for (int i = 0; i < g.length; i++) {
                    double updated = Fixtures.INITIAL[k][i] - 0.1 * g[i];
                    double expected = c == nonNeg ? Math.max(updated, 0) : updated * 0.5;
                    assertThat(actual[i]).isCloseTo(expected, within(1e-12));
                }
            }
        }
    }

    @Test
    void weightDecayCanExcludeVariablesByNameOrIdentity() {
        for (boolean byName : new boolean[]{true, false}) {
            List<Variable> vars = Fixtures.variables(DataType.DOUBLE);
            AdamW opt = new AdamW(0.05);
            opt.weightDecay(0.1);
            if (byName) opt.excludeFromWeightDecay(null, List.of("bia"));
            else opt.excludeFromWeightDecay(List.of(vars.get(1)), null);
            Ref decayed = KerasReference.adam(0.9, 0.999, 1e-7, false).lr(0.05);
            decayed.weightDecay = 0.1;
            Ref plain = KerasReference.adam(0.9, 0.999, 1e-7, false).lr(0.05);
            double[][] kernel = {Fixtures.INITIAL[0].clone()};
            double[][] bias = {Fixtures.INITIAL[1].clone()};
            for (int s = 0; s < 4; s++) {
                Fixtures.feed(vars, s);
                opt.apply(vars);
                decayed.step(kernel, new double[][]{Fixtures.grad(0, s)});
                plain.step(bias, new double[][]{Fixtures.grad(1, s)});
            }
            assertThat(Fixtures.flat(vars.get(0))).containsExactly(kernel[0], within(1e-12));
            assertThat(Fixtures.flat(vars.get(1))).containsExactly(bias[0], within(1e-12));
        }
    }

    @Test
    void lossScaleFactorDividesTheGradients() {
        List<Variable> a = Fixtures.variables(DataType.DOUBLE);
        List<Variable> b = Fixtures.variables(DataType.DOUBLE);
        Fixtures.feed(a, 0);
        b.get(0).zeroGrad();
        b.get(1).zeroGrad();
        for (int k = 0; k < 2; k++) b.get(k).addGrad(a.get(k).grad().mul(128));
        new SGD(0.1).apply(a);
        new SGD(0.1).lossScaleFactor(128.0).apply(b);
        assertThat(Fixtures.flat(b.get(0))).containsExactly(Fixtures.flat(a.get(0)), within(1e-12));
    }

    @Test
    void theScheduleIsEvaluatedAtTheStepBeforeItIsCounted() {
        SGD sgd = new SGD(step -> 0.1 * (step + 1));
        assertThat(sgd.learningRate()).isEqualTo(0.1);
        List<Variable> vars = Fixtures.variables(DataType.DOUBLE);
        Fixtures.feed(vars, 0);
        sgd.apply(vars);
        assertThat(sgd.learningRate()).isCloseTo(0.2, within(1e-15));
        assertThatThrownBy(() -> sgd.learningRate(0.5)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LearningRateSchedule");
    }

    @Test
    void onlyOneClippingOption() {
        assertThatThrownBy(() -> new Adam().clipnorm(1.0).clipvalue(0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set");
        assertThat(new Adam().clipnorm(1.0).clipnorm(null).clipvalue(0.5).clipvalue()).isEqualTo(0.5);
    }

    @Test
    void theLearningRateIsHeldAtFloatxPrecisionAsKerasHoldsIt() {
        Keras.setFloatx("float32");
        assertThat(new Adam().learningRate()).isEqualTo((double) 0.001f).isEqualTo(0.0010000000474974513);
        Keras.setFloatx("float64");
        assertThat(new Adam().learningRate()).isEqualTo(0.001);
    }

    /** float32 variables keep float32 slots and follow the float64 reference to float precision. */
    @Test
    void float32VariablesFollowTheReference() {
        Map<Supplier<Optimizer>, Supplier<Ref>> cases = Map.of(
                () -> new Adam(0.05).amsgrad(true), () -> KerasReference.adam(0.9, 0.999, 1e-7, true).lr(0.05),
                () -> new Nadam(0.05), () -> KerasReference.nadam(0.9, 0.999, 1e-7).lr(0.05),
                () -> new Ftrl(0.5).l1RegularizationStrength(0.01), () -> KerasReference.ftrl(-0.5, 0.1, 0.01, 0, 0, 0).lr(0.5),
                () -> new RMSprop(0.01).centered(true).momentum(0.5), () -> KerasReference.rmsprop(0.9, 0.5, 1e-7, true).lr(0.01));
        for (Map.Entry<Supplier<Optimizer>, Supplier<Ref>> e : cases.entrySet()) {
            Optimizer opt = e.getKey().get();
            Ref ref = e.getValue().get();
            List<Variable> vars = Fixtures.variables(DataType.FLOAT);
            double[][] expected = Fixtures.initialCopy();
            for (int s = 0; s < 5; s++) {
                Fixtures.feed(vars, s);
                opt.apply(vars);
                ref.step(expected, new double[][]{Fixtures.grad(0, s), Fixtures.grad(1, s)});
            }
            for (int k = 0; k < 2; k++) {
                assertThat(vars.get(k).value().dataType()).isEqualTo(DataType.FLOAT);
                assertThat(Fixtures.flat(vars.get(k))).as(opt.className()).containsExactly(expected[k], within(1e-4));
            }
            opt.state().entrySet().stream().filter(x -> x.getKey().startsWith("dense"))
                    .forEach(x -> assertThat(x.getValue().dataType()).isEqualTo(DataType.FLOAT));
        }
    }
}
