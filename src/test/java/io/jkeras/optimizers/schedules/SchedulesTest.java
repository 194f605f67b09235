package io.jkeras.optimizers.schedules;

import io.jkeras.saving.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Each schedule's value at chosen steps against the formula written out by hand, and its Keras config. */
class SchedulesTest {
    private static final double EPS = 1e-12;

    @Test
    void exponentialDecay() {
        ExponentialDecay smooth = new ExponentialDecay(0.1, 1000, 0.96);
        assertThat(smooth.apply(0)).isEqualTo(0.1);
        assertThat(smooth.apply(2500)).isCloseTo(0.1 * Math.pow(0.96, 2.5), within(EPS));
        ExponentialDecay stairs = new ExponentialDecay(0.1, 1000, 0.96).staircase(true);
        assertThat(stairs.apply(999)).isEqualTo(0.1);
        assertThat(stairs.apply(2500)).isCloseTo(0.1 * 0.96 * 0.96, within(EPS));
        assertThat(stairs.getConfig()).containsExactlyEntriesOf(ordered("initial_learning_rate", 0.1, "decay_steps", 1000L,
                "decay_rate", 0.96, "staircase", true, "name", "ExponentialDecay"));
    }

    @Test
    void piecewiseConstantDecay() {
        PiecewiseConstantDecay s = new PiecewiseConstantDecay(new double[]{100000, 110000}, new double[]{1.0, 0.5, 0.1});
        assertThat(s.apply(0)).isEqualTo(1.0);
        assertThat(s.apply(100000)).isEqualTo(1.0);     // boundaries belong to the interval below them
        assertThat(s.apply(100001)).isEqualTo(0.5);
        assertThat(s.apply(110000)).isEqualTo(0.5);
        assertThat(s.apply(110001)).isEqualTo(0.1);
        assertThat(s.getConfig()).containsEntry("boundaries", List.of(100000L, 110000L))
                .containsEntry("values", List.of(1.0, 0.5, 0.1)).containsEntry("name", "PiecewiseConstant");
        assertThatThrownBy(() -> new PiecewiseConstantDecay(new double[]{1, 2}, new double[]{1.0, 0.5}))
                .hasMessageContaining("The length of boundaries should be 1 less than the length of values");
    }

    @Test
    void polynomialDecay() {
        PolynomialDecay s = new PolynomialDecay(0.1, 10000).endLearningRate(0.01).power(0.5);
        assertThat(s.apply(2500)).isCloseTo((0.1 - 0.01) * Math.pow(1 - 0.25, 0.5) + 0.01, within(EPS));
        assertThat(s.apply(20000)).isCloseTo(0.01, within(EPS));
        PolynomialDecay cyc = new PolynomialDecay(0.1, 100).endLearningRate(0.0).cycle(true);
        assertThat(cyc.apply(0)).isCloseTo(0.1, within(EPS));
        assertThat(cyc.apply(150)).isCloseTo(0.1 * (1 - 150.0 / 200), within(EPS));   // decay_steps grew to 200
        assertThat(cyc.apply(200)).isCloseTo(0.0, within(EPS));
        assertThat(new PolynomialDecay(0.1, 10).getConfig()).containsEntry("end_learning_rate", 0.0001)
                .containsEntry("power", 1.0).containsEntry("cycle", false).containsEntry("name", "PolynomialDecay");
    }

    @Test
    void inverseTimeDecay() {
        InverseTimeDecay s = new InverseTimeDecay(0.1, 10, 0.5);
        assertThat(s.apply(15)).isCloseTo(0.1 / (1 + 0.5 * 1.5), within(EPS));
        assertThat(s.staircase(true).apply(15)).isCloseTo(0.1 / (1 + 0.5 * 1), within(EPS));
    }

    @Test
    void cosineDecayWithAndWithoutWarmup() {
        CosineDecay s = new CosineDecay(0.1, 1000).alpha(0.2);
        assertThat(s.apply(250)).isCloseTo(0.1 * (0.8 * 0.5 * (1 + Math.cos(Math.PI * 0.25)) + 0.2), within(EPS));
        assertThat(s.apply(5000)).isCloseTo(0.1 * 0.2, within(EPS));
        CosineDecay w = new CosineDecay(0.0, 1000).warmup(0.1, 100);
        assertThat(w.apply(50)).isCloseTo(0.05, within(EPS));
        assertThat(w.apply(100)).isCloseTo(0.1, within(EPS));
        assertThat(w.apply(600)).isCloseTo(0.1 * 0.5 * (1 + Math.cos(Math.PI * 0.5)), within(EPS));
        assertThat(w.apply(5000)).isCloseTo(0.0, within(EPS));
        assertThat(new CosineDecay(0.1, 10).getConfig()).containsEntry("warmup_target", null).containsEntry("warmup_steps", 0L)
                .containsEntry("name", "CosineDecay");
    }

    @Test
    void cosineDecayRestarts() {
        CosineDecayRestarts s = new CosineDecayRestarts(0.1, 100).mMul(0.5).alpha(0.1);
        // Periods of 100, 200, 400 steps starting at 0, 100, 300; period i starts at 0.5^i.
        assertThat(s.apply(50)).isCloseTo(0.1 * (0.9 * 0.5 * (1 + Math.cos(Math.PI * 0.5)) + 0.1), within(EPS));
        assertThat(s.apply(200)).isCloseTo(0.1 * (0.9 * 0.5 * 0.5 * (1 + Math.cos(Math.PI * 0.5)) + 0.1), within(EPS));
        assertThat(s.apply(400)).isCloseTo(0.1 * (0.9 * 0.25 * 0.5 * (1 + Math.cos(Math.PI * 0.25)) + 0.1), within(EPS));
        CosineDecayRestarts even = new CosineDecayRestarts(0.1, 100).tMul(1.0);
        assertThat(even.apply(130)).isCloseTo(0.1 * 0.5 * (1 + Math.cos(Math.PI * 0.3)), within(EPS));
        assertThat(s.getConfig()).containsExactlyEntriesOf(ordered("initial_learning_rate", 0.1, "first_decay_steps", 100L,
                "t_mul", 2.0, "m_mul", 0.5, "alpha", 0.1, "name", "SGDRDecay"));
    }

    @Test
    void everyScheduleRoundTripsThroughItsSerializedForm() {
        List<LearningRateSchedule> all = List.of(new ExponentialDecay(0.1, 7, 0.9).staircase(true),
                new PiecewiseConstantDecay(new double[]{3, 8}, new double[]{0.3, 0.2, 0.1}),
                new PolynomialDecay(0.1, 9).power(2).cycle(true), new InverseTimeDecay(0.1, 4, 0.3).name("itd"),
                new CosineDecay(0.01, 20).alpha(0.1).warmup(0.1, 5), new CosineDecayRestarts(0.1, 6).tMul(1.5).mMul(0.8));
        for (LearningRateSchedule s : all) {
            Map<String, Object> json = Json.read(Json.write(Schedules.serialize(s)));
            assertThat(json).containsEntry("module", "keras.optimizers.schedules").containsEntry("class_name", s.className());
            LearningRateSchedule back = Schedules.get(json);
            assertThat(Json.read(Json.write(back.getConfig()))).isEqualTo(Json.read(Json.write(s.getConfig())));
            for (long step = 0; step < 40; step += 3) assertThat(back.apply(step)).isEqualTo(s.apply(step));
        }
    }

    @Test
    void errorsAsKeras() {
        assertThatThrownBy(() -> new ExponentialDecay(0.1, 0, 0.9)).hasMessageContaining("`decay_steps` must be > 0");
        assertThatThrownBy(() -> new CosineDecayRestarts(0.1, -1)).hasMessageContaining("`first_decay_steps` must be > 0");
        LearningRateSchedule lambda = step -> 0.1;
        assertThatThrownBy(lambda::getConfig).hasMessageContaining("must override `getConfig()`");
        assertThatThrownBy(() -> Schedules.get(Map.of("class_name", "Nope", "config", Map.of())))
                .hasMessageContaining("Unknown learning rate schedule: 'Nope'");
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
