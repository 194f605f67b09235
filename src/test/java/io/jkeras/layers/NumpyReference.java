package io.jkeras.layers;

import io.jkeras.saving.Json;
import org.junit.jupiter.api.Assumptions;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the independent numpy reference of the attention layers ({@code src/test/resources/python/attention_reference.py})
 * in Debian's /usr/bin/python3, float64. Tests using it are skipped (saying why) where that Python or numpy is missing.
 */
final class NumpyReference {
    static final String PYTHON = "/usr/bin/python3";
    private static Path script;

    private NumpyReference() {
    }

    /** The reference's outputs ({@code "output"}, {@code "scores"}) for these arrays and options. */
    static Map<String, INDArray> run(String kind, Map<String, INDArray> arrays, Map<String, Object> options) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)), "Skipped: the numpy reference needs " + PYTHON);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kind", kind);
        Map<String, Object> a = new LinkedHashMap<>();
        arrays.forEach((k, v) -> a.put(k, encode(v)));
        spec.put("arrays", a);
        spec.put("options", options);
        Process p = new ProcessBuilder(PYTHON, script().toString()).start();
        p.getOutputStream().write(Json.write(spec).getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) p.destroyForcibly();
        Assumptions.assumeFalse(err.contains("No module named 'numpy'"), "Skipped: " + PYTHON + " lacks numpy");
        if (p.exitValue() != 0) throw new AssertionError("numpy reference failed: " + err);
        Map<String, Object> res = Json.read(out);
        Map<String, INDArray> m = new LinkedHashMap<>();
        res.forEach((k, v) -> m.put(k, decode((Map<?, ?>) v)));
        return m;
    }

    private static synchronized Path script() throws Exception {
        if (script == null) {
            script = Files.createTempFile("attention_reference", ".py");
            script.toFile().deleteOnExit();
            try (InputStream in = NumpyReference.class.getResourceAsStream("/python/attention_reference.py")) {
                Files.write(script, in.readAllBytes());
            }
        }
        return script;
    }

    private static Map<String, Object> encode(INDArray x) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Long> shape = new ArrayList<>();
        for (long d : x.shape()) shape.add(d);
        m.put("shape", shape);
        double[] flat = x.castTo(DataType.DOUBLE).dup('c').reshape(x.length()).toDoubleVector();
        List<Double> data = new ArrayList<>(flat.length);
        for (double d : flat) data.add(d);
        m.put("data", data);
        return m;
    }

    private static INDArray decode(Map<?, ?> m) {
        List<?> shape = (List<?>) m.get("shape"), data = (List<?>) m.get("data");
        double[] d = new double[data.size()];
        for (int i = 0; i < d.length; i++) d[i] = ((Number) data.get(i)).doubleValue();
        long[] s = new long[shape.size()];
        for (int i = 0; i < s.length; i++) s[i] = ((Number) shape.get(i)).longValue();
        return s.length == 0 ? Nd4j.scalar(d[0]) : Nd4j.createFromArray(d).reshape('c', s);
    }

    /** The largest |a - b| relative to max(|b|, 1e-3)... as one number: max|a-b| / max(max|b|, 1e-12). */
    static double relError(INDArray a, INDArray b) {
        INDArray x = a.castTo(DataType.DOUBLE), y = b.castTo(DataType.DOUBLE);
        double diff = x.sub(y).amaxNumber().doubleValue();
        return diff / Math.max(y.amaxNumber().doubleValue(), 1e-12);
    }
}
