package io.jkeras.callbacks;

import io.jkeras.models.Model;
import io.jkeras.optimizers.Optimizer;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;

/**
 * What several callbacks share: reading the loop's params, adding to logs, printing as Keras's
 * {@code io_utils.print_msg}, and writing numbers as Python's {@code repr(float)} so messages and CSV
 * cells read as Keras writes them.
 */
final class CallbackSupport {
    private CallbackSupport() {
    }

    /** An integer param ({@code "epochs"}, {@code "steps"}, {@code "verbose"}); {@code null} when absent or null. */
    static Integer intParam(Map<String, Object> params, String key) {
        Object v = params == null ? null : params.get(key);
        return v instanceof Number n ? n.intValue() : null;
    }

    /**
     * Adds an entry to the logs, as Keras 3's callbacks add {@code learning_rate} for the callbacks after
     * them (History, the progress bar). A loop that hands out read-only logs just does not see it.
     */
    static void putLog(Map<String, Double> logs, String key, double value) {
        if (logs == null) return;
        try {
            logs.put(key, value);
        } catch (UnsupportedOperationException readOnly) {
            // Read-only logs: the value is only for later callbacks, so training goes on without it.
        }
    }

    /** One line to {@code out}, or to the current standard output when {@code out} is null. */
    static void println(PrintStream out, String message) {
        PrintStream p = out != null ? out : System.out;
        p.println(message);
        p.flush();
    }

    /** The model's optimizer, with a message saying why one is needed when the model is not compiled. */
    static Optimizer optimizer(Model model, String who) {
        Optimizer opt = model == null ? null : model.optimizer();
        if (opt == null) {
            throw new IllegalStateException(who + " needs the model's optimizer, but the model has not been compiled. "
                    + "Call model.compile(...) before fit.");
        }
        return opt;
    }

    /**
     * Python's {@code repr(float)}: the shortest decimal that reads back as the same double, in fixed
     * notation for 1e-4 ≤ |x| < 1e16 ({@code 0.0001}, {@code 12.0}) and scientific otherwise
     * ({@code 1e-05}, {@code 1.5e+16}); {@code nan}, {@code inf}.
     */
    static String repr(double x) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        String sign = x < 0 || (x == 0 && 1 / x < 0) ? "-" : "";
        if (x == 0) return sign + "0.0";
        BigDecimal exact = new BigDecimal(Math.abs(x));
        BigDecimal shortest = exact;
        // Java 17's Double.toString is not always the shortest; search the precision that round-trips.
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == Math.abs(x)) {
                shortest = r;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int point = digits.length() - shortest.scale(); // value = 0.<digits> × 10^point
        if (point > -4 && point <= 16) {
            if (point <= 0) return sign + "0." + "0".repeat(-point) + digits;
            if (point >= digits.length()) return sign + digits + "0".repeat(point - digits.length()) + ".0";
            return sign + digits.substring(0, point) + "." + digits.substring(point);
        }
        int exp = point - 1;
        String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
        return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
}
