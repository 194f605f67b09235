package io.jkeras.graph;

import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.layers.Forward;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Topology}: forward in execution order, recording each call's {@link Forward} in a
 * {@link Tape}, whose backward runs in reverse order; and shape inference over the same graph.
 */
public final class Executor {
    private Executor() {
    }

    /** Runs the graph on arrays, one per model input; returns the outputs (with their masks) and the backward closure. */
    public static Forward run(Topology topo, List<INDArray> inputs, boolean training) {
        return run(topo, inputs, null, training);
    }

    /**
     * Runs the graph on arrays with masks on its inputs (one entry per input, {@code null} for none; the list
     * itself may be null), as Keras's {@code Functional.call(inputs, mask=...)}. The result carries the masks
     * of the outputs ({@link Forward#masks()}).
     */
    public static Forward run(Topology topo, List<INDArray> inputs, List<INDArray> inputMasks, boolean training) {
        Tape tape = record(topo, inputs, inputMasks, training);
        Forward f = Forward.of(tape.outputs(), g -> tape.backward(g, null, true)).withActivityLoss(tape.activityLoss());
        List<INDArray> masks = tape.outputMasks();
        return masks == null ? f : f.withMasks(masks);
    }

    /** Runs the graph and returns the recorded {@link Tape} (what the trainer drives). */
    public static Tape record(Topology topo, List<INDArray> inputs, boolean training) {
        return new Tape(topo, inputs, null, training);
    }

    /** Runs the graph with masks on its inputs (entries or the list may be null) and returns the {@link Tape}. */
    public static Tape record(Topology topo, List<INDArray> inputs, List<INDArray> inputMasks, boolean training) {
        return new Tape(topo, inputs, inputMasks, training);
    }

    /** Shape inference through the graph for new input shapes (a nested model called on other shapes). */
    public static List<Shape> outputShapes(Topology topo, List<Shape> inputShapes) {
        Map<KerasTensor, Shape> shapes = new IdentityHashMap<>();
        for (int i = 0; i < inputShapes.size(); i++) shapes.put(topo.inputs().get(i), inputShapes.get(i));
        for (Node node : topo.nodes()) {
            if (node.isInput()) continue;
            List<Shape> in = new ArrayList<>();
            for (KerasTensor t : node.inputs()) in.add(shapes.get(t));
            List<Shape> out = node.layer().computeOutputShape(in);
            for (int j = 0; j < out.size(); j++) shapes.put(node.outputs().get(j), out.get(j));
        }
        List<Shape> out = new ArrayList<>();
        for (KerasTensor t : topo.outputs()) out.add(shapes.get(t));
        return out;
    }
}
