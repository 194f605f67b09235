// The imports that bin/jkeras-shell gives every JShell session (after JShell's DEFAULT ones: java.util.*,
// java.io.*, java.nio.file.*, java.util.stream.*, ...), so that Keras's names are at hand as after
// `from tensorflow import keras; from keras import layers`. Names that two packages share are left to be
// imported by hand where needed: io.jkeras.metrics (MeanSquaredError, ... as in io.jkeras.losses),
// io.jkeras.activations (Softmax, as the layer) and io.jkeras.initializers (Identity, as the layer).
import io.jkeras.*;
import io.jkeras.layers.*;
import io.jkeras.models.*;
import io.jkeras.optimizers.*;
import io.jkeras.losses.*;
import io.jkeras.callbacks.*;
import io.jkeras.training.*;
import io.jkeras.datasets.*;
import io.jkeras.applications.*;
import io.jkeras.utils.*;
import static io.jkeras.utils.Categorical.toCategorical;
import static io.jkeras.utils.ClassificationReport.classificationReport;
import static io.jkeras.utils.ConfusionMatrix.confusionMatrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
