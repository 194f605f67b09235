package io.jkeras.applications;

import io.jkeras.KerasTensor;
import io.jkeras.Variable;
import io.jkeras.graph.Executor;
import io.jkeras.graph.Tape;
import io.jkeras.models.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * The gradient of one class score of a model's (single) output through the engine's own backward pass: the
 * recorded {@link Tape} of an inference-mode forward pass, given a one-hot gradient on the output. When the output
 * ends in a softmax the score is the pre-softmax logit (keras-vis swaps the softmax for a linear activation for
 * the same reason: a saturated probability has a vanishing gradient); otherwise the output itself.
 */
final class ClassScores {
    private ClassScores() {
    }

    /** A single image as a batch of one: {@code (h, w, c)} becomes {@code (1, h, w, c)}; cast to the model's type. */
    static INDArray batchOfOne(Model model, INDArray image) {
        INDArray x = image.rank() == model.input().shape().rank() - 1 ? image.reshape('c', prepend(image.shape())) : image;
        if (x.size(0) != 1) {
            throw new IllegalArgumentException("Expected one image, (height, width, channels) or (1, height, width, channels); received "
                    + io.jkeras.Shape.ofArray(image.shape()));
        }
        // The input layer's type, not the Model's own dtype: a float64 network keeps float64 images.
        DataType t = io.jkeras.Keras.dataType(model.input().dtype());
        return x.dataType().isFPType() && x.dataType() != t ? x.castTo(t) : x;
    }

    private static long[] prepend(long[] s) {
        long[] out = new long[s.length + 1];
        out[0] = 1;
        System.arraycopy(s, 0, out, 1, s.length);
        return out;
    }

    /**
     * Gradients of the class score with respect to {@code wrt} (tensors of the model's graph: its input, a layer's
     * output); the weights' gradient buffers are cleared afterwards, so that the model is left as it was.
     *
     * @param preSoftmax whether to differentiate the logit rather than the probability when the output is a softmax
     */
    static Result gradients(Model model, INDArray image, int classIndex, List<KerasTensor> wrt, boolean preSoftmax) {
        if (model.outputs().size() != 1) throw new IllegalArgumentException("Model \"" + model.name() + "\" has several outputs; choose one with a sub-model.");
        INDArray x = batchOfOne(model, image);
        Tape tape = Executor.record(model.topology(), List.of(x), false);
        INDArray out = tape.outputs().get(0);
        long classes = out.size(out.rank() - 1);
        if (classIndex < 0 || classIndex >= classes) {
            throw new IllegalArgumentException("classIndex " + classIndex + " is outside the valid range of [0, " + classes
                    + ") for the output of model \"" + model.name() + "\" of shape " + io.jkeras.Shape.ofArray(out.shape()));
        }
        boolean logits = preSoftmax && tape.softmaxLogits(0) != null;
        INDArray score = logits ? tape.softmaxLogits(0) : out;
        INDArray oneHot = Nd4j.zeros(out.dataType(), out.shape());
        oneHot.reshape(oneHot.length() / classes, classes).putScalar(0, classIndex, 1.0);
        List<INDArray> g = tape.gradients(List.of(oneHot), new boolean[]{logits}, wrt);
        for (Variable v : model.weights()) v.zeroGrad();
        return new Result(g, tape, score.reshape(score.length()).getDouble(classIndex));
    }

    /** The gradients, the tape (for activations) and the differentiated score. */
    record Result(List<INDArray> grads, Tape tape, double score) {
    }
}
