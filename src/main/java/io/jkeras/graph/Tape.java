package io.jkeras.graph;

import io.jkeras.KerasTensor;
import io.jkeras.Shape;
import io.jkeras.layers.Forward;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One forward pass through a {@link Topology}, recorded: every tensor's value and every node's
 * {@link Forward}. {@link #backward} runs the nodes in reverse, summing gradients where a tensor feeds
 * several nodes and skipping nodes that no output depends on. The trainer may hand in an output's
 * gradient with respect to its softmax logits (the fused crossentropy gradient).
 *
 * <p>Masks (Keras's {@code _keras_mask}) travel beside the values: a node whose inputs carry a mask is run
 * with {@link io.jkeras.layers.Layer#forward(List, List, boolean)}, and the masks its call reports
 * ({@link Forward#masks()}) are kept for its outputs. Until some call produces a mask (an Embedding with
 * {@code mask_zero}, a Masking layer, a masked model input) no mask map exists and every node runs the
 * plain {@code forward(inputs, training)}, so unmasked models pay nothing.
 */
public final class Tape {
    private final Topology topo;
    private final Map<KerasTensor, INDArray> values = new IdentityHashMap<>();
    private final List<Node> ran = new ArrayList<>();
    private final List<Forward> calls = new ArrayList<>();
    /** Each tensor's mask; null until the first mask appears (most models never have one). */
    private Map<KerasTensor, INDArray> masks;

    Tape(Topology topo, List<INDArray> inputs, List<INDArray> inputMasks, boolean training) {
        this.topo = topo;
        for (int i = 0; i < inputs.size(); i++) values.put(topo.inputs().get(i), inputs.get(i));
        if (inputMasks != null) {
            for (int i = 0; i < inputMasks.size(); i++) putMask(topo.inputs().get(i), inputMasks.get(i));
        }
        for (Node node : topo.nodes()) {
            if (node.isInput()) continue;
            List<INDArray> in = new ArrayList<>(node.inputs().size());
            for (KerasTensor t : node.inputs()) in.add(values.get(t));
            List<INDArray> inMasks = inputMasks(node);
            Forward f = inMasks == null ? node.layer().forward(in, training) : node.layer().forward(in, inMasks, training);
            if (f.outputs().size() != node.outputs().size()) {
                throw new IllegalStateException("Layer \"" + node.layer().name() + "\" returned " + f.outputs().size()
                        + " outputs, but its call declared " + node.outputs().size() + ".");
            }
            for (int j = 0; j < f.outputs().size(); j++) values.put(node.outputs().get(j), f.outputs().get(j));
            List<INDArray> outMasks = f.masks();
            if (outMasks != null) {
                for (int j = 0; j < Math.min(outMasks.size(), node.outputs().size()); j++) putMask(node.outputs().get(j), outMasks.get(j));
            }
            ran.add(node);
            calls.add(f);
        }
    }

    private void putMask(KerasTensor t, INDArray m) {
        if (m == null) return;
        if (masks == null) masks = new IdentityHashMap<>();
        masks.put(t, m);
    }

    /** The masks of a node's inputs (null entries for unmasked ones), or null when none has a mask. */
    private List<INDArray> inputMasks(Node node) {
        if (masks == null) return null;
        List<INDArray> m = new ArrayList<>(node.inputs().size());
        boolean any = false;
        for (KerasTensor t : node.inputs()) {
            INDArray mi = masks.get(t);
            any |= mi != null;
            m.add(mi);
        }
        return any ? m : null;
    }

    /**
     * The masks of the model's outputs, one per output ({@code null} entries for unmasked ones), or
     * {@code null} when no output has a mask: what the losses and metrics apply, as Keras reads
     * {@code y_pred._keras_mask}.
     */
    public List<INDArray> outputMasks() {
        if (masks == null) return null;
        List<INDArray> out = new ArrayList<>(topo.outputs().size());
        boolean any = false;
        for (KerasTensor t : topo.outputs()) {
            INDArray m = masks.get(t);
            any |= m != null;
            out.add(m);
        }
        return any ? out : null;
    }

    /** The model's outputs. */
    public List<INDArray> outputs() {
        List<INDArray> outs = new ArrayList<>();
        for (KerasTensor t : topo.outputs()) outs.add(values.get(t));
        return outs;
    }

    /** The sum of the recorded calls' own loss terms (activity regularization), as Keras's {@code model.losses}. */
    public double activityLoss() {
        double total = 0;
        for (Forward f : calls) total += f.activityLoss();
        return total;
    }

    /** The pre-softmax logits of output {@code i} if its last call ends in a last-axis softmax, else null. */
    public INDArray softmaxLogits(int i) {
        Forward f = producer(topo.outputs().get(i));
        return f == null ? null : f.softmaxLogits();
    }

    private Forward producer(KerasTensor t) {
        int k = ran.indexOf(t.node());
        return k < 0 ? null : calls.get(k);
    }

    /**
     * Back-propagates; returns d(loss)/d(input) per model input.
     *
     * @param gradOutputs per output, d(loss)/d(output) ({@code null} for an output without loss)
     * @param wrtLogits per output, true if that gradient is with respect to its softmax logits; may be null
     * @param inputGrads whether d(loss)/d(input) is wanted for the model's inputs (not when training a
     *                   model on data: then layers fed only by model inputs skip that product); if false,
     *                   null is returned
     */
    public List<INDArray> backward(List<INDArray> gradOutputs, boolean[] wrtLogits, boolean inputGrads) {
        Map<KerasTensor, INDArray> grads = propagate(gradOutputs, wrtLogits, inputGrads);
        if (!inputGrads) return null;
        List<INDArray> out = new ArrayList<>();
        for (KerasTensor t : topo.inputs()) {
            INDArray g = grads.get(t);
            out.add(g != null ? g : values.get(t).ulike().assign(0));
        }
        return out;
    }

    /**
     * The value a tensor of this graph took in the recorded forward pass (a layer's output inside the model, as
     * Grad-CAM reads a convolution's activations); null if the pass did not compute it.
     */
    public INDArray value(KerasTensor t) {
        return values.get(t);
    }

    /**
     * Back-propagates like {@link #backward} and returns d(loss)/d(t) for each tensor of {@code wrt} (zeros for a
     * tensor no output depends on): the gradient with respect to an intermediate activation, as Grad-CAM needs.
     * Weight gradients accumulate as in any backward pass.
     */
    public List<INDArray> gradients(List<INDArray> gradOutputs, boolean[] wrtLogits, List<KerasTensor> wrt) {
        Map<KerasTensor, INDArray> grads = propagate(gradOutputs, wrtLogits, true);
        List<INDArray> out = new ArrayList<>();
        for (KerasTensor t : wrt) {
            INDArray v = values.get(t);
            if (v == null) throw new IllegalArgumentException("Tensor " + t + " is not part of this model's graph.");
            INDArray g = grads.get(t);
            out.add(g != null ? g : v.ulike().assign(0));
        }
        return out;
    }

    /** The reverse pass: the gradient of every tensor reached from the outputs. */
    private Map<KerasTensor, INDArray> propagate(List<INDArray> gradOutputs, boolean[] wrtLogits, boolean inputGrads) {
        Map<KerasTensor, INDArray> grads = new IdentityHashMap<>();
        Map<Node, INDArray> logitGrads = new IdentityHashMap<>();
        for (int i = 0; i < gradOutputs.size(); i++) {
            if (gradOutputs.get(i) == null) continue;
            KerasTensor t = topo.outputs().get(i);
            if (wrtLogits != null && wrtLogits[i]) logitGrads.merge(t.node(), gradOutputs.get(i), INDArray::add);
            else accumulate(grads, t, gradOutputs.get(i));
        }
        Set<Node> constant = inputGrads ? Set.of() : constantNodes();
        for (int k = calls.size() - 1; k >= 0; k--) {
            Node node = ran.get(k);
            if (!inputGrads && fedByConstantsOnly(node, constant) && logitGrads.get(node) == null) {
                // Nothing upstream needs a gradient: only this node's own trainable weights, if it has any.
                if (constant.contains(node)) continue;
                List<INDArray> g = outputGrads(node, grads);
                if (g != null) calls.get(k).backwardWeightsOnly(g);
                continue;
            }
            List<INDArray> dIn = backwardNode(node, calls.get(k), grads, logitGrads.get(node));
            if (dIn == null) continue;
            for (int j = 0; j < node.inputs().size(); j++) {
                if (dIn.get(j) != null) accumulate(grads, node.inputs().get(j), dIn.get(j));
            }
        }
        return grads;
    }

    /**
     * The nodes whose outputs depend on no trainable weight: model inputs, and weightless (or frozen) layers fed only by
     * such nodes, e.g. a chain of preprocessing and augmentation layers. Training needs no gradient through them.
     */
    private Set<Node> constantNodes() {
        Set<Node> constant = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node node : ran) {
            if (fedByConstantsOnly(node, constant) && node.layer().trainableWeights().isEmpty()) constant.add(node);
        }
        return constant;
    }

    /** Whether every input of the node is a model input or the output of a constant node. */
    private static boolean fedByConstantsOnly(Node node, Set<Node> constant) {
        for (KerasTensor t : node.inputs()) if (!t.node().isInput() && !constant.contains(t.node())) return false;
        return !node.inputs().isEmpty();
    }

    /** The gradients of a node's outputs (zeros for outputs without one), or null if none has one. */
    private List<INDArray> outputGrads(Node node, Map<KerasTensor, INDArray> grads) {
        List<INDArray> g = new ArrayList<>();
        boolean needed = false;
        for (KerasTensor t : node.outputs()) {
            INDArray gi = grads.get(t);
            needed |= gi != null;
            g.add(gi);
        }
        if (!needed) return null;
        for (int j = 0; j < g.size(); j++) {
            if (g.get(j) == null) g.set(j, values.get(node.outputs().get(j)).ulike().assign(0));
        }
        return g;
    }

    private List<INDArray> backwardNode(Node node, Forward f, Map<KerasTensor, INDArray> grads, INDArray logitGrad) {
        List<INDArray> g = outputGrads(node, grads);
        if (logitGrad != null) {
            // A fused gradient arrives at the logits (single-output calls only); any ordinary gradient on the
            // output goes through the softmax.
            INDArray d = f.backwardFromLogits(logitGrad);
            return List.of(g == null ? d : d.add(f.backward(g).get(0)));
        }
        return g == null ? null : f.backward(g);
    }

    /** Sums into a new array at fan-out: the arrays received may be shared (an Add passes one gradient to both inputs). */
    private static void accumulate(Map<KerasTensor, INDArray> grads, KerasTensor t, INDArray g) {
        INDArray prev = grads.get(t);
        if (prev != null && !Arrays.equals(prev.shape(), g.shape())) {
            throw new IllegalStateException("Gradient shape " + Shape.ofArray(g.shape()) + " does not match "
                    + Shape.ofArray(prev.shape()) + " for a tensor of layer \"" + t.layer().name() + "\".");
        }
        grads.put(t, prev == null ? g : prev.add(g));
    }
}
