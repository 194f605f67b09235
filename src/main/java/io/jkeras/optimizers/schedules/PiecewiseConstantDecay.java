package io.jkeras.optimizers.schedules;

import io.jkeras.saving.Config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A piecewise constant rate, as {@code keras.optimizers.schedules.PiecewiseConstantDecay}:
 * {@code values[0]} while {@code step <= boundaries[0]}, {@code values[i]} while
 * {@code boundaries[i-1] < step <= boundaries[i]}, and the last value after the last boundary.
 *
 * <pre>{@code
 * jshell> var s = new PiecewiseConstantDecay(new double[]{100000, 110000}, new double[]{1.0, 0.5, 0.1});
 * jshell> s.apply(100001)
 * $2 ==> 0.5
 * }</pre>
 */
public final class PiecewiseConstantDecay implements LearningRateSchedule {
    private final double[] boundaries;
    private final double[] values;
    private String name = "PiecewiseConstant";

    /**
     * @param boundaries strictly increasing step boundaries
     * @param values one more value than boundaries: the rate in each interval
     */
    public PiecewiseConstantDecay(double[] boundaries, double[] values) {
        if (boundaries.length != values.length - 1) {
            throw new IllegalArgumentException("The length of boundaries should be 1 less than the length of values. "
                    + "Received: boundaries=" + Arrays.toString(boundaries) + " of length " + boundaries.length
                    + ", and values=" + Arrays.toString(values) + " of length " + values.length + ".");
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    /** Sets the name kept in the config. */
    public PiecewiseConstantDecay name(String name) {
        this.name = name;
        return this;
    }

    @Override
    public double apply(long step) {
        // The first boundary not below the step picks the interval; past the last, the last value.
        for (int i = 0; i < boundaries.length; i++) {
            if (step <= boundaries[i]) return values[i];
        }
        return values[values.length - 1];
    }

    @Override
    public Map<String, Object> getConfig() {
        List<Object> b = new ArrayList<>();
        for (double x : boundaries) b.add(LearningRateSchedule.steps(x));
        List<Object> v = new ArrayList<>();
        for (double x : values) v.add(x);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("boundaries", b);
        c.put("values", v);
        c.put("name", name);
        return c;
    }

    /** Makes the schedule from its Keras config. */
    public static PiecewiseConstantDecay fromConfig(Config c) {
        return new PiecewiseConstantDecay(doubles(c.get("boundaries")), doubles(c.get("values")))
                .name(c.getString("name", "PiecewiseConstant"));
    }

    private static double[] doubles(Object list) {
        List<?> l = (List<?>) list;
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).doubleValue();
        return out;
    }
}
