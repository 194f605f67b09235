package io.jkeras.layers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The call-time options of the attention layers, which Keras passes as keyword arguments of the call
 * ({@code layer(q, v, return_attention_scores=True, use_causal_mask=True)}). A jkeras node carries no call
 * arguments, so these options are set on the layer and hold for each of its calls; a Functional config writes
 * them in the call's {@code kwargs} and reads them back from there, as Keras 3's configs hold them.
 *
 * <pre>{@code
 * jshell> new MultiHeadAttention(2, 16).useCausalMask(true).apply(x, x)
 * }</pre>
 */
public interface AttentionCall {
    /** Whether the attention weights are returned as a second output. */
    boolean returnAttentionScores();

    /** Sets {@code return_attention_scores}; returns the layer. */
    Layer returnAttentionScores(boolean r);

    /** Whether query position i attends to key positions j ≤ i only. */
    boolean useCausalMask();

    /** Sets {@code use_causal_mask}; returns the layer. */
    Layer useCausalMask(boolean c);

    /** The options that differ from Keras's defaults, as Keras 3 writes a call's {@code kwargs}. */
    default Map<String, Object> callKwargs() {
        Map<String, Object> k = new LinkedHashMap<>();
        if (returnAttentionScores()) k.put("return_attention_scores", true);
        if (useCausalMask()) k.put("use_causal_mask", true);
        return k;
    }

    /** Takes the options found in a saved call's {@code kwargs} (others are left alone). */
    default void applyCallKwargs(Map<?, ?> kwargs) {
        if (kwargs.get("return_attention_scores") instanceof Boolean b) returnAttentionScores(b);
        if (kwargs.get("use_causal_mask") instanceof Boolean b) useCausalMask(b);
    }
}
