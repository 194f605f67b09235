package io.jkeras.samples;

import io.jkeras.Keras;
import io.jkeras.Variable;
import io.jkeras.layers.Dense;
import io.jkeras.layers.Forward;
import io.jkeras.models.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Trains a small MLP on the bundled Iris data: {@code mvn -q compile exec:exec} from the repository root.
 *
 * <p>The training loop below is written by hand over the engine (forward, loss gradient, backward, SGD).
 * It is temporary: once {@code model.compile(...)} and {@code model.fit(...)} exist, the whole loop
 * becomes {@code model.compile("sgd", "sparse_categorical_crossentropy(from_logits)", "accuracy");
 * model.fit(x, y, 16, 100)}.
 */
public final class IrisMlp {
    static final String[] SPECIES = {"setosa", "versicolor", "virginica"};

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args.length > 0 ? args[0] : "datasets/iris.csv");
        if (!Files.isRegularFile(csv)) {
            System.err.println("Iris data not found at " + csv.toAbsolutePath()
                    + ". Run from the jkeras repository root (where datasets/iris.csv lives), or pass the CSV path as the first argument.");
            System.exit(2);
        }
        List<String> lines = Files.readAllLines(csv);
        int n = lines.size() - 1;                                   // line 0 is the header
        float[][] features = new float[n][4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            for (int j = 0; j < 4; j++) features[i][j] = Float.parseFloat(f[j]);
            labels[i] = Integer.parseInt(f[4].trim());
        }
        INDArray x = Nd4j.createFromArray(features);               // (150, 4)
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);             // one-hot classes, (150, 3)
        for (int i = 0; i < n; i++) y.putScalar(i, labels[i], 1f);
        x = x.subRowVector(x.mean(0)).divRowVector(x.std(false, 0)); // standardise each feature

        Keras.setRandomSeed(42);
        Sequential model = new Sequential(
                new Dense(16).activation("relu").inputShape(4),
                new Dense(16).activation("relu"),
                new Dense(3));                                      // logits: softmax lives in the loss
        model.summary();

        int epochs = 100, batchSize = 16;
        double lr = 0.1;
        List<Variable> weights = model.trainableWeights();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] order = shuffled(n);
            double lossSum = 0, correct = 0;
            for (int start = 0; start < n; start += batchSize) {
                int[] idx = Arrays.copyOfRange(order, start, Math.min(n, start + batchSize));
                INDArray xb = x.getRows(idx), yb = y.getRows(idx);
                int b = idx.length;

                for (Variable v : weights) v.zeroGrad();
                Forward f = model.forward(List.of(xb), true);
                INDArray logits = f.output();                       // (b, 3)
                INDArray logProbs = logSoftmax(logits);
                lossSum -= logProbs.mul(yb).sumNumber().doubleValue(); // sum over the batch of -log p(true class)
                correct += countCorrect(logits, yb);

                INDArray grad = Transforms.exp(logProbs, true).subi(yb).divi(b); // d(mean loss)/d(logits)
                f.backward(List.of(grad));                          // fills each Variable's grad
                for (Variable v : weights) v.value().subi(v.grad().mul(lr)); // plain SGD
            }
            if (epoch % 10 == 0) {
                System.out.printf("Epoch %d/%d - loss: %.4f - accuracy: %.4f%n", epoch, epochs, lossSum / n, correct / n);
            }
        }

        INDArray all = model.predict(x);
        double accuracy = countCorrect(all, y) / n;
        System.out.printf("Final accuracy on all %d flowers: %.4f%n", n, accuracy);

        INDArray row = model.predict(x.getRows(100));               // one flower, (1, 4) -> logits (1, 3)
        float[] probs = Transforms.exp(logSoftmax(row), true).toFloatVector();
        System.out.printf("predict(flower 100, a %s): probabilities setosa %.3f, versicolor %.3f, virginica %.3f -> %s%n",
                SPECIES[labels[100]], probs[0], probs[1], probs[2], SPECIES[row.argMax(1).getInt(0)]);
        if (accuracy < 0.9) {                                       // lets CI notice if the sample rots
            System.err.println("Accuracy " + accuracy + " is below the expected 0.9.");
            System.exit(1);
        }
    }

    /** log(softmax(z)) row by row, computed stably: z - max - log(sum(exp(z - max))). */
    static INDArray logSoftmax(INDArray z) {
        INDArray shifted = z.subColumnVector(z.max(1).reshape(-1, 1));
        INDArray logSumExp = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(logSumExp);
    }

    /** How many rows' largest logit is at the one-hot label's class. */
    static double countCorrect(INDArray logits, INDArray onehot) {
        return logits.argMax(1).eq(onehot.argMax(1)).castTo(DataType.INT).sumNumber().doubleValue();
    }

    /** 0..n-1 in an order drawn from the session's seeded random source. */
    static int[] shuffled(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = Keras.random().nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
        return a;
    }
}
