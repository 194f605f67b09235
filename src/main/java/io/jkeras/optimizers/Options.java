package io.jkeras.optimizers;

/**
 * Keras 3 optimizer options that jkeras keeps only so that a config survives a round trip:
 * weight EMA ({@code use_ema}, {@code ema_momentum}, {@code ema_overwrite_frequency}) and
 * {@code gradient_accumulation_steps}. jkeras does not apply them; reading a config that turns
 * them on logs a warning.
 */
final class Options {
    boolean useEma;
    double emaMomentum = 0.99;
    Integer emaOverwriteFrequency;
    Integer gradientAccumulationSteps;
}
