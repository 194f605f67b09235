package io.jkeras;

import io.jkeras.utils.Names;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * The Keras facade: session-wide settings that every program touches.
 *
 * <ul>
 *   <li>{@link #setRandomSeed(long)}: one seed for weights, dropout and shuffling (runs repeat exactly);</li>
 *   <li>{@link #floatx()} / {@link #setFloatx(String)}: the default float type ({@code "float32"});</li>
 *   <li>{@link #clearSession()}: resets automatic layer names ({@code dense}, {@code dense_1}, …).</li>
 * </ul>
 *
 * <pre>{@code
 * jshell> Keras.setRandomSeed(42);
 * jshell> Keras.version()
 * $2 ==> "0.1.0"
 * }</pre>
 */
public final class Keras {
    /** The jkeras version. */
    public static final String VERSION = "0.1.0";
    /** The Keras version whose behaviour (defaults, names, file layouts) jkeras follows and writes. */
    public static final String KERAS_VERSION = "3.3.3";
    /** Keras's fuzz factor, {@code keras.backend.epsilon()}. */
    public static final double EPSILON = 1e-7;

    private static String floatx = "float32";
    private static Random random = new Random();

    private Keras() {
    }

    /** The jkeras version string. */
    public static String version() {
        return VERSION;
    }

    /** Seeds every source of randomness (ND4J's generator and jkeras's own), as {@code keras.utils.set_random_seed}. */
    public static synchronized void setRandomSeed(long seed) {
        Nd4j.getRandom().setSeed(seed);
        random = new Random(seed);
    }

    /** The session's Java random source (shuffling, seeds for initializers without one). */
    public static synchronized Random random() {
        return random;
    }

    /** The default float type name: {@code "float32"} unless changed. */
    public static String floatx() {
        return floatx;
    }

    /** Sets the default float type: {@code "float16"}, {@code "float32"} or {@code "float64"}. */
    public static void setFloatx(String name) {
        dataType(name); // validates
        floatx = name;
    }

    /** The ND4J data type for a Keras dtype name. */
    public static DataType dataType(String name) {
        return switch (name) {
            case "float16" -> DataType.HALF;
            case "bfloat16" -> DataType.BFLOAT16;
            case "float32" -> DataType.FLOAT;
            case "float64" -> DataType.DOUBLE;
            case "int32" -> DataType.INT;
            case "int64" -> DataType.LONG;
            case "bool" -> DataType.BOOL;
            case "string" -> DataType.UTF8; // text inputs (TextVectorization)
            default -> throw new IllegalArgumentException("Unknown dtype: \"" + name
                    + "\". Expected one of float16, bfloat16, float32, float64, int32, int64, bool, string.");
        };
    }

    /** The Keras dtype name for an ND4J data type. */
    public static String dtypeName(DataType t) {
        return switch (t) {
            case HALF -> "float16";
            case BFLOAT16 -> "bfloat16";
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case INT -> "int32";
            case LONG -> "int64";
            case BOOL -> "bool";
            case UTF8 -> "string";
            default -> t.name().toLowerCase();
        };
    }

    /** Resets automatic names, as {@code keras.backend.clear_session()}. */
    public static void clearSession() {
        Names.reset();
    }
}
