// A two-input Functional model built from Dense layers: summary and predict.
// Run from the repository root (see README.md, "JShell"):
//   bin/jkeras-shell samples/functional_basics.jsh
// (It trains nothing, so JKERAS_FAST=1 changes nothing.)

import io.jkeras.*;
import io.jkeras.layers.*;
import io.jkeras.models.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

Keras.setRandomSeed(42);

// Two inputs: a title (8 features) and a body (16 features) of the same documents.
KerasTensor title = Input.shape(Shape.of(8), "title");
KerasTensor body = Input.shape(Shape.of(16), "body");

// Each input gets its own encoder; one Dense layer is then shared by both branches (same weights, two calls).
KerasTensor t = new Dense(12).activation("relu").name("title_encoder").apply(title);
KerasTensor b = new Dense(12).activation("relu").name("body_encoder").apply(body);
Dense shared = new Dense(6).activation("relu").name("shared");
KerasTensor ts = shared.apply(t);
KerasTensor bs = shared.apply(b);

// Two outputs: a priority score from the title, and 3 department logits from the body.
KerasTensor priority = new Dense(1).name("priority").apply(ts);
KerasTensor department = new Dense(3).name("department").apply(bs);

Model model = new Model(List.of(title, body), List.of(priority, department));
model.summary();

INDArray titles = Nd4j.rand(DataType.FLOAT, 5, 8);
INDArray bodies = Nd4j.rand(DataType.FLOAT, 5, 16);
List<INDArray> out = model.predict(List.of(titles, bodies), 32);
System.out.println("priority " + Shape.ofArray(out.get(0).shape()) + ":\n" + out.get(0));
System.out.println("department " + Shape.ofArray(out.get(1).shape()) + ":\n" + out.get(1));
System.out.println("trainable weights: " + model.trainableWeights().size() + ", params: " + model.countParams());
System.out.println("functional_basics done");

/exit
