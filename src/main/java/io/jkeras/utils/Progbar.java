package io.jkeras.utils;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A text progress bar that prints exactly as tf.keras 2's {@code keras.utils.Progbar}:
 * <pre>
 * 422/422 [==============================] - 4s 10ms/step - loss: 0.2616 - accuracy: 0.9233
 * </pre>
 * During an epoch the time part reads {@code - ETA: 1s}. With {@code verbose=2} nothing is printed
 * until the last step, which prints one line: {@code 422/422 - 4s - loss: 0.2616 - 4s/epoch - 10ms/step}.
 *
 * <p>Values are averaged over steps (weighted by the steps since the last update) unless their name
 * is a stateful metric, which is shown as given. On a terminal the bar is redrawn in place with
 * backspaces and a carriage return; elsewhere (a file, a pipe) each shown update starts a new line.
 *
 * <p>Parameters: {@code target} (total steps, or {@code null} when unknown), {@code width} (30),
 * {@code verbose} (1 or 2; 0 prints nothing), {@code interval} (0.05 s between redraws),
 * {@code statefulMetrics}, {@code unitName} ("step").
 *
 * <pre>{@code
 * jshell> var bar = new Progbar(3);
 * jshell> for (int i = 1; i <= 3; i++) bar.update(i, Map.of("loss", 1.0 / i));
 * 3/3 [==============================] - 0s 1ms/step - loss: 0.6111
 * }</pre>
 */
public class Progbar {
    private Integer target;
    private int width = 30;
    private int verbose = 1;
    private double interval = 0.05;
    private final Set<String> stateful = new HashSet<>();
    private String unitName = "step";
    private boolean dynamic;

    private final PrintStream out;
    private final LongSupplier nanoClock;
    private final long start;
    private int totalWidth;
    private int seenSoFar;
    /** Per name: {sum of value × steps, steps}; a stateful value is {value, 1}. */
    private final Map<String, double[]> values = new HashMap<>();
    private final List<String> order = new ArrayList<>();
    /** Keras starts from time 0, so the first update is always drawn; a flag says the same for any clock. */
    private boolean everDrawn;
    private long lastUpdate;
    private long epochStart;
    private Long epochEnd;
    private Long afterFirstStep;

    /** A bar to {@code target} steps ({@code null}: unknown) on standard output. */
    public Progbar(Integer target) {
        this(target, System.out, System::nanoTime);
    }

    /**
     * A bar that prints to {@code out} and reads the time from {@code nanoClock} (nanoseconds, as
     * {@link System#nanoTime()}); both are parameters so that tests see exact, repeatable output.
     * The display is dynamic when the JVM has a console; {@link #dynamicDisplay(boolean)} overrides it.
     */
    public Progbar(Integer target, PrintStream out, LongSupplier nanoClock) {
        this.target = target;
        this.out = out;
        this.nanoClock = nanoClock;
        this.dynamic = System.console() != null;
        this.start = nanoClock.getAsLong();
        this.epochStart = start;
    }

    /** Bar width in characters (30). */
    public Progbar width(int width) {
        this.width = width;
        return this;
    }

    /** 0 silent, 1 a bar redrawn as steps complete, 2 one line at the end. */
    public Progbar verbose(int verbose) {
        this.verbose = verbose;
        return this;
    }

    /** Minimum seconds between two redraws (0.05). */
    public Progbar interval(double seconds) {
        this.interval = seconds;
        return this;
    }

    /** Adds names whose values are shown as given instead of averaged over steps. */
    public Progbar statefulMetrics(Collection<String> names) {
        stateful.addAll(names);
        return this;
    }

    /** What one step is called in the timing ({@code "step"}, {@code "sample"}). */
    public Progbar unitName(String unitName) {
        this.unitName = unitName;
        return this;
    }

    /** Redraw in place ({@code true}) or print each update on a new line ({@code false}). */
    public Progbar dynamicDisplay(boolean dynamic) {
        this.dynamic = dynamic;
        return this;
    }

    /** The total number of steps, or {@code null} when unknown. */
    public Integer target() {
        return target;
    }

    /** Sets the total once it is known (a source of unknown length, at the end of its first epoch). */
    public void target(Integer target) {
        this.target = target;
    }

    /** {@link #update(int, Map, Boolean)} that finalizes when {@code current} reaches the target. */
    public void update(int current, Map<String, Double> values) {
        update(current, values, null);
    }

    /** Advances by {@code n} steps. */
    public void add(int n, Map<String, Double> values) {
        update(seenSoFar + n, values, null);
    }

    /**
     * Records step {@code current} (counted from 1) with these values (in map order) and redraws.
     *
     * @param finalize whether this is the last update; {@code null}: when {@code current >= target}
     */
    public void update(int current, Map<String, Double> newValues, Boolean finalize) {
        boolean last = finalize != null ? finalize : target != null && current >= target;
        record(current, newValues == null ? Map.of() : newValues);
        long now = nanoClock.getAsLong();
        String info = " - " + fixed(seconds(now - start), 0) + "s";
        if (target != null && current == target) epochEnd = now;
        if (verbose == 1) {
            if (everDrawn && seconds(now - lastUpdate) < interval && !last) return;
            drawLine(current, now, info, last);
        } else if (verbose == 2 && last) {
            printSummary(current, now, info);
        }
        everDrawn = true;
        lastUpdate = now;
    }

    private void record(int current, Map<String, Double> newValues) {
        for (Map.Entry<String, Double> e : newValues.entrySet()) {
            String k = e.getKey();
            double v = e.getValue();
            if (!order.contains(k)) order.add(k);
            if (stateful.contains(k)) {
                values.put(k, new double[] {v, 1});
            } else {
                // At least 1: an epoch-end update after the last batch has current == seenSoFar.
                int base = Math.max(current - seenSoFar, 1);
                double[] acc = values.computeIfAbsent(k, x -> new double[2]);
                acc[0] += v * base;
                acc[1] += base;
            }
        }
        seenSoFar = current;
    }

    private void drawLine(int current, long now, String info, boolean last) {
        StringBuilder msg = new StringBuilder();
        int prevTotalWidth = totalWidth;
        if (dynamic) msg.append("\b".repeat(prevTotalWidth)).append('\r');
        else msg.append('\n');
        String bar = target != null ? bar(current) : String.format(Locale.ROOT, "%7d/Unknown", current);
        totalWidth = bar.length();
        msg.append(bar);
        double perUnit = estimateStepDuration(current, now);
        StringBuilder tail = new StringBuilder(info);
        if (target == null || last) {
            tail.append(formatTime(perUnit, unitName));
        } else {
            tail.setLength(0);
            tail.append(" - ETA: ").append(formatEta(perUnit * (target - current)));
        }
        for (String k : order) tail.append(" - ").append(k).append(": ").append(formatValue(average(k), true));
        totalWidth += tail.length();
        // Blank out what is left of a longer previous line.
        if (prevTotalWidth > totalWidth) tail.append(" ".repeat(prevTotalWidth - totalWidth));
        if (last) tail.append('\n');
        out.print(msg.append(tail));
        out.flush();
    }

    private String bar(int current) {
        StringBuilder bar = new StringBuilder(count(current)).append(" [");
        // An empty source (target 0) shows a full bar where Keras would fail on log10(0).
        double prog = target > 0 ? (double) current / target : 1.0;
        int progWidth = (int) (width * prog);
        if (progWidth > 0) {
            bar.append("=".repeat(progWidth - 1)).append(current < target ? '>' : '=');
        }
        bar.append(".".repeat(Math.max(0, width - progWidth))).append(']');
        return bar.toString();
    }

    private void printSummary(int current, long now, String info) {
        StringBuilder line = new StringBuilder(target != null ? count(current) : current + "/Unknown").append(info);
        // tf.keras 2 tests avg > 1e-3 here, without abs(): negative values print in scientific notation.
        for (String k : order) line.append(" - ").append(k).append(": ").append(formatValue(average(k), false));
        if (epochEnd != null) {
            double perEpoch = seconds(epochEnd - epochStart);
            epochStart = now;
            epochEnd = null;
            line.append(" -").append(formatTime(perEpoch, "epoch"));
            line.append(" -").append(formatTime(perEpoch / Math.max(1, target), unitName));
            line.append('\n');
        }
        out.print(line);
        out.flush();
    }

    /** {@code " 42/422"}: the step count padded to the target's number of digits. */
    private String count(int current) {
        int digits = String.valueOf(target).length();
        return String.format(Locale.ROOT, "%" + digits + "d/%d", current, target);
    }

    private double average(String k) {
        double[] acc = values.get(k);
        return acc[0] / Math.max(1, acc[1]);
    }

    /** Seconds per step, leaving out the (unrepresentative) first step once there are more. */
    private double estimateStepDuration(int current, long now) {
        if (current == 0) return 0;
        double perUnit = afterFirstStep != null && current > 1
                ? seconds(now - afterFirstStep) / (current - 1)
                : seconds(now - start) / current;
        if (current == 1) afterFirstStep = now;
        return perUnit;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static String formatValue(double v, boolean absolute) {
        return (absolute ? Math.abs(v) : v) > 1e-3 ? fixed(v, 4) : sci(v, 4);
    }

    /** {@code " 4s/epoch"}, {@code " 10ms/step"}, {@code " 250us/step"}: Keras's thresholds. */
    static String formatTime(double perUnit, String unit) {
        if (perUnit >= 1 || perUnit == 0) return " " + fixed(perUnit, 0) + "s/" + unit;
        if (perUnit >= 1e-3) return " " + fixed(perUnit * 1000.0, 0) + "ms/" + unit;
        return " " + fixed(perUnit * 1000000.0, 0) + "us/" + unit;
    }

    /** {@code 1:02:03} over an hour, {@code 2:05} over a minute, else {@code 42s}; truncated as Python's %d. */
    static String formatEta(double eta) {
        if (eta > 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", (long) Math.floor(eta / 3600), (long) Math.floor((eta % 3600) / 60), (long) (eta % 60));
        }
        if (eta > 60) return String.format(Locale.ROOT, "%d:%02d", (long) Math.floor(eta / 60), (long) (eta % 60));
        return (long) eta + "s";
    }

    /**
     * Python's {@code f"{v:.Nf}"}: the exact binary value rounded half-to-even (Java's %f rounds its
     * shortest decimal half-up, which differs, e.g. on 2.675 or 0.5), keeping the sign of -0.
     */
    static String fixed(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return special(v);
        String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return negative(v) && !s.startsWith("-") ? "-" + s : s;
    }

    /** Python's {@code f"{v:.Ne}"}: {@code 5.0000e-04}, exponent of at least two digits. */
    static String sci(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return special(v);
        String sign = negative(v) ? "-" : "";
        if (v == 0) return sign + "0." + "0".repeat(decimals) + "e+00";
        BigDecimal r = new BigDecimal(Math.abs(v)).round(new MathContext(decimals + 1, RoundingMode.HALF_EVEN));
        String digits = r.unscaledValue().toString();
        int exp = digits.length() - 1 - r.scale();
        digits = (digits + "0".repeat(decimals + 1)).substring(0, decimals + 1);
        String e = String.format(Locale.ROOT, "%02d", Math.abs(exp));
        return sign + digits.charAt(0) + "." + digits.substring(1) + "e" + (exp < 0 ? "-" : "+") + e;
    }

    private static boolean negative(double v) {
        return v < 0 || (v == 0 && 1 / v < 0);
    }

    private static String special(double v) {
        return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
    }
}
