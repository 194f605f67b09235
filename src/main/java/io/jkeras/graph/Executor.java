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
 * Runs a {@link Topology}: forward in execution order, recording each call's {@link Forward} (the tape);
 * backward in reverse order, summing gradients where a tensor feeds several nodes, and skipping nodes
 * that no output depends on.
 */
public final class Executor {
    private Executor() {
    }

    /** Runs the graph on arrays, one per model input; returns the outputs and the backward closure. */
    public static Forward run(Topology topo, List<INDArray> inputs, boolean training) {
        Map<KerasTensor, INDArray> values = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) values.put(topo.inputs().get(i), inputs.get(i));
        List<Node> ran = new ArrayList<>();
        List<Forward> tape = new ArrayList<>();
        for (Node node : topo.nodes()) {
            if (node.isInput()) continue;
            List<INDArray> in = new ArrayList<>(node.inputs().size());
            for (KerasTensor t : node.inputs()) in.add(values.get(t));
            Forward f = node.layer().forward(in, training);
            if (f.outputs().size() != node.outputs().size()) {
                throw new IllegalStateException("Layer \"" + node.layer().name() + "\" returned " + f.outputs().size()
                        + " outputs, but its call declared " + node.outputs().size() + ".");
            }
            for (int j = 0; j < f.outputs().size(); j++) values.put(node.outputs().get(j), f.outputs().get(j));
            ran.add(node);
            tape.add(f);
        }
        List<INDArray> outs = new ArrayList<>();
        for (KerasTensor t : topo.outputs()) outs.add(values.get(t));
        return Forward.of(outs, gradOutputs -> backward(topo, values, ran, tape, gradOutputs));
    }

    private static List<INDArray> backward(Topology topo, Map<KerasTensor, INDArray> values, List<Node> ran,
                                           List<Forward> tape, List<INDArray> gradOutputs) {
        Map<KerasTensor, INDArray> grads = new IdentityHashMap<>();
        for (int i = 0; i < gradOutputs.size(); i++) {
            if (gradOutputs.get(i) != null) accumulate(grads, topo.outputs().get(i), gradOutputs.get(i));
        }
        for (int k = tape.size() - 1; k >= 0; k--) {
            Node node = ran.get(k);
            List<INDArray> g = new ArrayList<>();
            boolean needed = false;
            for (KerasTensor t : node.outputs()) {
                INDArray gi = grads.get(t);
                needed |= gi != null;
                g.add(gi);
            }
            if (!needed) continue;
            for (int j = 0; j < g.size(); j++) {
                if (g.get(j) == null) g.set(j, values.get(node.outputs().get(j)).ulike().assign(0));
            }
            List<INDArray> dIn = tape.get(k).backward(g);
            for (int j = 0; j < node.inputs().size(); j++) {
                if (dIn.get(j) != null) accumulate(grads, node.inputs().get(j), dIn.get(j));
            }
        }
        List<INDArray> out = new ArrayList<>();
        for (KerasTensor t : topo.inputs()) {
            INDArray g = grads.get(t);
            out.add(g != null ? g : values.get(t).ulike().assign(0));
        }
        return out;
    }

    /** Sums into a new array at fan-out: the arrays received may be shared (an Add passes one gradient to both inputs). */
    private static void accumulate(Map<KerasTensor, INDArray> grads, KerasTensor t, INDArray g) {
        INDArray prev = grads.get(t);
        if (prev != null && !java.util.Arrays.equals(prev.shape(), g.shape())) {
            throw new IllegalStateException("Gradient shape " + Shape.ofArray(g.shape()) + " does not match "
                    + Shape.ofArray(prev.shape()) + " for a tensor of layer \"" + t.layer().name() + "\".");
        }
        grads.put(t, prev == null ? g : prev.add(g));
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
