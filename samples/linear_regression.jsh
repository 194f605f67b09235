// Linear regression, the course's first model: one Dense unit learns y = 3x + 2 from noisy points by gradient
// descent on the mean squared error, and its weight and bias come out close to 3 and 2.
// Run from the repository root:
//   bin/jkeras-shell samples/linear_regression.jsh
// JKERAS_FAST=1 trains for 5 epochs instead of 40 (CI). Files: target/samples/linear_regression_history.png.
//
// The Keras program it follows:
//   x = np.random.uniform(-1, 1, 200); y = 3 * x + 2 + np.random.normal(0, 0.2, 200)
//   model = keras.Sequential([layers.Dense(1, input_shape=(1,))])
//   model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse", metrics=["mae"])
//   history = model.fit(x, y, epochs=40, batch_size=16, validation_split=0.2)
//   w, b = model.layers[0].get_weights()

import io.jkeras.*;
import io.jkeras.callbacks.History;
import io.jkeras.layers.*;
import io.jkeras.models.*;
import io.jkeras.optimizers.SGD;
import io.jkeras.training.FitOptions;
import io.jkeras.utils.*;
import java.nio.file.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

boolean fast = "1".equals(System.getenv("JKERAS_FAST"));
Path out = Files.createDirectories(Path.of("target", "samples"));
Keras.setRandomSeed(42);

// ---- data: 200 points, x uniform in [-1, 1], y = 3x + 2 plus Gaussian noise (sd 0.2)
int n = 200;
INDArray x = Nd4j.rand(DataType.FLOAT, n, 1).muli(2).subi(1);
INDArray y = x.mul(3).addi(2).addi(Nd4j.randn(DataType.FLOAT, n, 1).muli(0.2));

// ---- the model: y = w·x + b
Sequential model = new Sequential(new Dense(1).inputShape(1));
model.summary();
model.compile(new SGD(0.1), "mse", "mae");
History history = model.fit(x, y, FitOptions.epochs(fast ? 5 : 40).batchSize(16).validationSplit(0.2).verbose(fast ? 1 : 2));

// ---- what it learned
Dense dense = (Dense) model.layers().get(0);
List<INDArray> wb = dense.getWeights();
double w = wb.get(0).getDouble(0, 0), b = wb.get(1).getDouble(0);
System.out.printf("learned: y = %.3f x + %.3f   (the data: y = 3 x + 2, noise sd 0.2)%n", w, b);
Map<String, Double> scores = model.evaluate(x, y);
System.out.printf("mse %.4f (the noise alone gives about 0.04), mae %.4f%n", scores.get("loss"), scores.get("mae"));
INDArray query = Nd4j.createFromArray(new float[][]{{-1f}, {0f}, {0.5f}});
INDArray answer = model.predict(query);
for (int i = 0; i < 3; i++) System.out.printf("predict(%.1f) = %.3f   (3x + 2 = %.1f)%n", query.getDouble(i, 0), answer.getDouble(i, 0), 3 * query.getDouble(i, 0) + 2);
if (!fast && (Math.abs(w - 3) > 0.2 || Math.abs(b - 2) > 0.1)) throw new IllegalStateException("the fit did not find y = 3x + 2");
System.out.println("wrote " + HistoryPlot.plot(history, out.resolve("linear_regression_history.png").toString()));

System.out.println("linear_regression done");
/exit
