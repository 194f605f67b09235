package io.jkeras.optimizers;

import io.jkeras.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-variable state ("slots") of one optimizer, kept in Keras 3's order.
 *
 * <p>Keras creates its optimizer variables in groups: within a group the slots of one model variable
 * are interleaved ({@code m0, v0, m1, v1} for Adam), and groups follow one another ({@code v*}, then
 * {@code momentum*} for RMSprop). The order matters because {@code .keras} files store optimizer
 * variables by position only ({@code optimizer/vars/0..n}), so it is reproduced exactly here.
 * Variables are keyed by identity, as Keras keys them by {@code id(variable)}.
 */
final class SlotStore {
    private final List<Variable> variables = new ArrayList<>();
    private final Map<Variable, Map<String, INDArray>> slots = new IdentityHashMap<>();
    private List<String[]> groups = List.of();
    /** Scratch buffers shared by variables of one shape and type: updates run one variable at a time. */
    private final Map<String, INDArray> scratch = new LinkedHashMap<>();

    boolean contains(Variable v) {
        return slots.containsKey(v);
    }

    List<Variable> variables() {
        return variables;
    }

    /** Adds a variable with zero- or constant-initialized slots of its shape and type. */
    void add(Variable v, List<String[]> slotGroups, java.util.function.ToDoubleFunction<String> init) {
        groups = slotGroups;
        Map<String, INDArray> own = new LinkedHashMap<>();
        INDArray value = v.value();
        for (String[] group : slotGroups) {
            for (String name : group) {
                double x = init.applyAsDouble(name);
                INDArray slot = io.jkeras.utils.Workspaces.persistent(() -> Nd4j.valueArrayOf(value.shape(), x, value.dataType()));
                own.put(name, slot);
            }
        }
        variables.add(v);
        slots.put(v, own);
    }

    /** The slots of one variable by slot name ({@code "momentum"}), live arrays. */
    Map<String, INDArray> of(Variable v) {
        return slots.get(v);
    }

    /** Keras's name for a slot: the variable path with '/' replaced by '_', then '_' and the slot name. */
    static String slotName(Variable v, String slot) {
        return v.path().replace('/', '_') + "_" + slot;
    }

    /** Every slot in Keras's creation order, by name; the arrays are live. */
    LinkedHashMap<String, INDArray> ordered() {
        LinkedHashMap<String, INDArray> out = new LinkedHashMap<>();
        for (String[] group : groups) {
            for (Variable v : variables) {
                for (String name : group) out.put(slotName(v, name), slots.get(v).get(name));
            }
        }
        return out;
    }

    /** A reusable array shaped like {@code like}; index {@code k} tells apart several used at once. */
    INDArray scratch(INDArray like, int k) {
        String key = like.dataType() + Arrays.toString(like.shape()) + "#" + k;
        return scratch.computeIfAbsent(key, s -> io.jkeras.utils.Workspaces.persistent(like::ulike));
    }
}
