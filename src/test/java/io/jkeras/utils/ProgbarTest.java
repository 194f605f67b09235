package io.jkeras.utils;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Progbar prints character for character what tf.keras 2's Progbar prints, on a clock the test controls. */
class ProgbarTest {
    /** A clock set by hand, in seconds. */
    static final class FakeClock {
        long nanos;

        void at(double seconds) {
            nanos = Math.round(seconds * 1e9);
        }
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final FakeClock clock = new FakeClock();

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Double> logs(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        return m;
    }

    /** 422 steps of 10 ms after a first step of 100 ms: 4.31 s in all. */
    private Progbar runEpoch(int verbose, boolean dynamic) {
        clock.at(0);
        Progbar bar = new Progbar(422, out, () -> clock.nanos).verbose(verbose).dynamicDisplay(dynamic)
                .statefulMetrics(List.of("loss", "accuracy"));
        for (int n = 1; n <= 422; n++) {
            clock.at(0.1 + (n - 1) * 0.01);
            bar.update(n, logs("loss", 0.2616, "accuracy", 0.9233), n == 422 ? null : false);
        }
        return bar;
    }

    @Test
    void verbose1EndOfEpochLineIsKeras() {
        runEpoch(1, false);
        String[] lines = printed().split("\n", -1);
        assertThat(lines[lines.length - 2])
                .isEqualTo("422/422 [==============================] - 4s 10ms/step - loss: 0.2616 - accuracy: 0.9233");
        assertThat(lines[lines.length - 1]).isEmpty();
    }

    @Test
    void notATerminalEachShownUpdateStartsANewLineAtMostEvery50ms() {
        runEpoch(1, false);
        String[] lines = printed().split("\n", -1);
        // Leading "\n" of the first update, then one line per shown update, then the final "\n".
        assertThat(lines[0]).isEmpty();
        assertThat(lines[1]).isEqualTo("  1/422 [..............................] - ETA: 42s - loss: 0.2616 - accuracy: 0.9233");
        // "ETA: 4s" is one character shorter than "ETA: 42s": a space blanks out the rest of the old line.
        assertThat(lines[2]).isEqualTo("  6/422 [..............................] - ETA: 4s - loss: 0.2616 - accuracy: 0.9233 ");
        assertThat(lines[lines.length - 3]).startsWith("421/422 [============================>.] - ETA: 0s");
        // Steps 1, 6, 11, …, 421 (every 5th, 50 ms apart) and the final 422.
        assertThat(lines.length).isEqualTo(2 + 85 + 1);
        assertThat(printed()).doesNotContain("\b").doesNotContain("\r");
    }

    @Test
    void dynamicDisplayRedrawsInPlace() {
        clock.at(0);
        Progbar bar = new Progbar(3, out, () -> clock.nanos).dynamicDisplay(true);
        clock.at(1);
        bar.update(1, logs("loss", 0.5));
        clock.at(2);
        bar.update(2, logs("loss", 0.3));
        clock.at(3);
        bar.update(3, logs("loss", 0.1));
        String first = "1/3 [=========>....................] - ETA: 2s - loss: 0.5000";
        String second = "2/3 [===================>..........] - ETA: 1s - loss: 0.4000";
        assertThat(first).hasSize(61);
        assertThat(printed()).isEqualTo("\r" + first
                + "\b".repeat(61) + "\r" + second
                + "\b".repeat(61) + "\r" + "3/3 [==============================] - 3s 1s/step - loss: 0.3000\n");
    }

    @Test
    void aShorterLineIsPaddedOverTheLongerOne() {
        clock.at(0);
        Progbar bar = new Progbar(2, out, () -> clock.nanos).dynamicDisplay(false).statefulMetrics(List.of("loss"));
        clock.at(1);
        bar.update(1, logs("loss", 1234567.0));
        clock.at(2);
        bar.update(2, logs("loss", 0.5));
        assertThat(printed()).isEqualTo("\n1/2 [==============>...............] - ETA: 1s - loss: 1234567.0000"
                + "\n2/2 [==============================] - 2s 1s/step - loss: 0.5000   \n");
    }

    @Test
    void verbose2PrintsOneLineAtTheEnd() {
        runEpoch(2, false);
        assertThat(printed()).isEqualTo(
                "422/422 - 4s - loss: 0.2616 - accuracy: 0.9233 - 4s/epoch - 10ms/step\n");
    }

    @Test
    void verbose2IsTheSameOnATerminal() {
        runEpoch(2, true);
        assertThat(printed()).isEqualTo(
                "422/422 - 4s - loss: 0.2616 - accuracy: 0.9233 - 4s/epoch - 10ms/step\n");
    }

    @Test
    void verbose2ShowsNegativeValuesInScientificNotationAsKerasDoes() {
        clock.at(0);
        Progbar bar = new Progbar(1, out, () -> clock.nanos).verbose(2);
        clock.at(0.002);
        bar.update(1, logs("loss", -0.5));
        assertThat(printed()).isEqualTo("1/1 - 0s - loss: -5.0000e-01 - 2ms/epoch - 2ms/step\n");
    }

    @Test
    void verbose0PrintsNothing() {
        clock.at(0);
        Progbar bar = new Progbar(2, out, () -> clock.nanos).verbose(0);
        bar.update(1, logs("loss", 1));
        bar.update(2, logs("loss", 1));
        assertThat(printed()).isEmpty();
    }

    @Test
    void valuesAreAveragedOverStepsUnlessStateful() {
        clock.at(0);
        Progbar bar = new Progbar(4, out, () -> clock.nanos).dynamicDisplay(false).statefulMetrics(List.of("acc"));
        clock.at(1);
        bar.update(1, logs("loss", 1.0, "acc", 0.25));
        clock.at(3);
        // Three steps at once: 1.0 counts once, 0.2 three times.
        bar.update(4, logs("loss", 0.2, "acc", 0.75));
        assertThat(printed()).endsWith("- loss: 0.4000 - acc: 0.7500\n");
    }

    @Test
    void unknownTargetCountsSteps() {
        clock.at(0);
        Progbar bar = new Progbar(null, out, () -> clock.nanos).dynamicDisplay(false);
        clock.at(1);
        bar.update(5, logs("loss", 0.5));
        assertThat(printed()).isEqualTo("\n      5/Unknown - 1s 200ms/step - loss: 0.5000");
    }

    @Test
    void addAdvancesFromTheLastStep() {
        clock.at(0);
        Progbar bar = new Progbar(2, out, () -> clock.nanos).dynamicDisplay(false).verbose(2);
        clock.at(1);
        bar.add(1, null);
        bar.add(1, null);
        assertThat(printed()).isEqualTo("2/2 - 1s - 1s/epoch - 500ms/step\n");
    }

    @Test
    void numbersFormatAsPython() {
        assertThat(Progbar.fixed(2.675, 2)).isEqualTo("2.67");
        assertThat(Progbar.fixed(0.5, 0)).isEqualTo("0");
        assertThat(Progbar.fixed(1.5, 0)).isEqualTo("2");
        assertThat(Progbar.fixed(2.5, 0)).isEqualTo("2");
        assertThat(Progbar.fixed(-0.3, 0)).isEqualTo("-0");
        assertThat(Progbar.fixed(0.12345, 4)).isEqualTo("0.1235");
        assertThat(Progbar.fixed(99999.99995, 4)).isEqualTo("99999.9999");
        assertThat(Progbar.sci(0.0005, 4)).isEqualTo("5.0000e-04");
        assertThat(Progbar.sci(1.23456e-7, 4)).isEqualTo("1.2346e-07");
        assertThat(Progbar.sci(-2.5e-5, 4)).isEqualTo("-2.5000e-05");
        assertThat(Progbar.sci(-0.0, 4)).isEqualTo("-0.0000e+00");
        assertThat(Progbar.sci(0.0, 4)).isEqualTo("0.0000e+00");
        assertThat(Progbar.formatValue(1e-3, true)).isEqualTo("1.0000e-03");
        assertThat(Progbar.formatValue(-0.25, true)).isEqualTo("-0.2500");
        assertThat(Progbar.formatValue(Double.NaN, true)).isEqualTo("nan");
        assertThat(Progbar.formatValue(Double.POSITIVE_INFINITY, true)).isEqualTo("inf");
    }

    @Test
    void timesFormatWithKerasThresholds() {
        assertThat(Progbar.formatTime(0, "step")).isEqualTo(" 0s/step");
        assertThat(Progbar.formatTime(1.5, "step")).isEqualTo(" 2s/step");
        assertThat(Progbar.formatTime(0.0102, "step")).isEqualTo(" 10ms/step");
        assertThat(Progbar.formatTime(2.5e-4, "sample")).isEqualTo(" 250us/sample");
        assertThat(Progbar.formatEta(3725)).isEqualTo("1:02:05");
        assertThat(Progbar.formatEta(3600)).isEqualTo("60:00");
        assertThat(Progbar.formatEta(125.9)).isEqualTo("2:05");
        assertThat(Progbar.formatEta(59.9)).isEqualTo("59s");
    }
}
