package io.jkeras.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records each epoch's logs, as {@code keras.callbacks.History}; {@code fit} returns it.
 *
 * <pre>{@code
 * jshell> History h = model.fit(x, y, 5, 32);
 * jshell> h.history().get("loss")
 * $3 ==> [0.61, 0.42, 0.35, 0.31, 0.29]
 * }</pre>
 */
public class History extends Callback {
    private final Map<String, List<Double>> history = new LinkedHashMap<>();
    private final List<Integer> epochs = new ArrayList<>();

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            history.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
    }

    /** Per-epoch values by name ({@code "loss"}, {@code "accuracy"}, {@code "val_loss"}, …). */
    public Map<String, List<Double>> history() {
        return Collections.unmodifiableMap(history);
    }

    /** The epoch indexes recorded (from {@code initialEpoch}, counting from 0). */
    public List<Integer> epoch() {
        return Collections.unmodifiableList(epochs);
    }

    @Override
    public String toString() {
        return "History" + history;
    }
}
