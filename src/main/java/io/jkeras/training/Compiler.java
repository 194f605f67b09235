package io.jkeras.training;

import io.jkeras.losses.Loss;
import io.jkeras.losses.Losses;
import io.jkeras.models.Model;
import io.jkeras.optimizers.Optimizer;
import io.jkeras.optimizers.Optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves {@link CompileOptions} against a model's outputs into a {@link Compiled}: the optimizer
 * object, one loss and one weight per output, one metric list per output. Names in maps must be output
 * names; Keras's messages otherwise.
 */
public final class Compiler {
    private Compiler() {
    }

    /** Resolves the options for this model. */
    public static Compiled resolve(Model model, CompileOptions o) {
        if (o.optimizer == null) throw new IllegalArgumentException("compile() needs an optimizer, e.g. \"adam\".");
        Optimizer opt = Optimizers.get(o.optimizer);
        List<String> names = model.outputNames();
        int n = names.size();
        List<Loss> losses = new ArrayList<>();
        for (Object spec : perOutput("loss", o.loss, names, null)) losses.add(spec == null ? null : Losses.get(spec));
        if (losses.stream().allMatch(l -> l == null)) {
            throw new IllegalArgumentException("compile() needs a loss, e.g. \"sparse_categorical_crossentropy\" (one for all outputs, "
                    + "a list in output order, or a map by output name " + names + ").");
        }
        List<Double> weights = new ArrayList<>();
        for (Object w : perOutput("loss_weights", o.lossWeights, names, 1.0)) weights.add(((Number) w).doubleValue());
        List<List<Object>> metrics = new ArrayList<>();
        Object m = o.metrics == null ? List.of() : o.metrics;
        if (m instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(e -> e instanceof List<?>)) {
            if (l.size() != n) throw countMismatch("metrics", l.size(), names);
            for (Object e : l) metrics.add(new ArrayList<>((List<?>) e));
        } else if (m instanceof Map<?, ?> map) {
            checkKeys("metrics", map, names);
            for (String name : names) {
                Object e = map.get(name);
                metrics.add(e == null ? List.of() : e instanceof List<?> le ? new ArrayList<>(le) : List.of(e));
            }
        } else {
            List<Object> all = m instanceof List<?> l ? new ArrayList<>(l) : List.of(m);
            for (int i = 0; i < n; i++) metrics.add(all);
        }
        return new Compiled(opt, losses, weights, metrics);
    }

    /** A value per output from one value for all, a List in output order, or a Map by output name. */
    private static List<Object> perOutput(String what, Object spec, List<String> names, Object missing) {
        List<Object> out = new ArrayList<>();
        if (spec instanceof List<?> l) {
            if (l.size() != names.size()) throw countMismatch(what, l.size(), names);
            out.addAll(l);
        } else if (spec instanceof Map<?, ?> map) {
            checkKeys(what, map, names);
            for (String name : names) out.add(map.containsKey(name) ? map.get(name) : missing);
        } else {
            for (int i = 0; i < names.size(); i++) out.add(spec == null ? missing : spec);
        }
        return out;
    }

    private static void checkKeys(String what, Map<?, ?> map, List<String> names) {
        List<Object> unknown = map.keySet().stream().filter(k -> !names.contains(String.valueOf(k))).map(k -> (Object) k).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown entries in " + what + " dictionary: " + unknown
                    + ". Only expected the following keys: " + names);
        }
    }

    private static IllegalArgumentException countMismatch(String what, int got, List<String> names) {
        return new IllegalArgumentException("When passing a list as `" + what + "`, it should have one entry per model output. "
                + "The model has " + names.size() + " output(s) " + names + ", but you passed " + what + "=" + got + " entries.");
    }
}
