package io.jkeras.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON lines in the schema of {@code ../shared/bench/pytorch_workloads.py} ({@code tag}, {@code framework},
 * then the figures), so one script can read both sides; and the small statistics both sides use.
 */
final class BenchOut {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchOut() {
    }

    /** Prints {@code {"tag": tag, "framework": "jkeras", ...kv}} on one line, at once. */
    static void emit(String tag, Map<String, Object> kv) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("tag", tag);
        line.put("framework", "jkeras");
        line.putAll(kv);
        try {
            System.out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        System.out.flush();
    }

    /** The environment line: what decides speed on the Java side. */
    static void emitEnv() {
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("java", System.getProperty("java.vm.version"));
        kv.put("nd4j", "1.0.0-M2.1");
        kv.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        kv.put("threads", Nd4j.getEnvironment().maxThreads());
        kv.put("OMP_NUM_THREADS", System.getenv("OMP_NUM_THREADS"));
        kv.put("OPENBLAS_CORETYPE", System.getenv("OPENBLAS_CORETYPE"));
        kv.put("OMP_WAIT_POLICY", System.getenv("OMP_WAIT_POLICY"));
        kv.put("javacpp_platform_extension", System.getProperty("javacpp.platform.extension"));
        emit("env", kv);
    }

    /** The median of {@code v} (the mean of the middle two for an even count), as Python's statistics.median. */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** {@code v} rounded to {@code digits} decimals, as Python's round() prints it in the JSON. */
    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** The process's peak resident memory in MiB (VmHWM), or -1 where /proc is not there. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0, 1);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: leave the figure out rather than fail the run
        }
        return -1;
    }
}
