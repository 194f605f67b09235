package io.jkeras.applications;

/**
 * One guess of {@link ImagenetUtils#decodePredictions}: Keras's tuple {@code (class_name, class_description, score)},
 * e.g. {@code ("n02123045", "tabby", 0.61)}.
 *
 * @param classId the WordNet id of the class ({@code "n02123045"})
 * @param label its name ({@code "tabby"})
 * @param score the model's score for it
 */
public record DecodedPrediction(String classId, String label, float score) {
    @Override
    public String toString() {
        return "('" + classId + "', '" + label + "', " + score + ")";
    }
}
