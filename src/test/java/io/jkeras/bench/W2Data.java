package io.jkeras.bench;

import io.jkeras.datasets.FashionMnist;
import io.jkeras.datasets.TrainTest;
import io.jkeras.layers.Dense;
import io.jkeras.models.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;

/**
 * W2's data and model, shared by {@link MlpBenchmark} and {@link StepProfile} so both time the same thing:
 * Fashion-MNIST flattened to {@code (n, 784)} float32 in [0, 1] (pixels / 255, as the PyTorch script), and
 * the MLP 784→256 relu→256 relu→10 softmax with Keras's default initialisation (glorot_uniform kernels,
 * zero biases: what the PyTorch script's {@code glorot_} reproduces).
 */
final class W2Data {
    final INDArray xTrain;
    final INDArray yTrain;
    final INDArray xTest;
    final INDArray yTest;

    private W2Data(TrainTest d) {
        // Flattened once up front, as pytorch_workloads.py does for w2 (no Flatten layer in either model).
        xTrain = d.xTrain().castTo(DataType.FLOAT).divi(255).reshape('c', -1, 784);
        xTest = d.xTest().castTo(DataType.FLOAT).divi(255).reshape('c', -1, 784);
        yTrain = d.yTrain().castTo(DataType.INT);
        yTest = d.yTest().castTo(DataType.INT);
    }

    /** From {@code $FMNIST_DIR} when set (as the PyTorch script reads it), else Keras's lookup order. */
    static W2Data load() throws IOException {
        String dir = System.getenv("FMNIST_DIR");
        return new W2Data(dir != null && !dir.isEmpty() ? FashionMnist.loadData(Path.of(dir)) : FashionMnist.loadData());
    }

    /** The W2 model, as a Keras course writes it. */
    static Sequential model() {
        return new Sequential(
                new Dense(256).activation("relu").inputShape(784),
                new Dense(256).activation("relu"),
                new Dense(10).activation("softmax"));
    }
}
