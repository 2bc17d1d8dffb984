package org.convscope.example.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The rows the job writes, one per input image:
 * {@code path, top_class, top_label, top_probability, probabilities, embedding, error}. A good image
 * has {@code error} null; a bad one has only {@code path} and {@code error} (the message) set.
 * {@code embedding} is the pooled activations of {@code --layer}, null without it.
 */
public final class ResultSchema {
    /** Column names, in order. */
    public static final String PATH = "path", TOP_CLASS = "top_class", TOP_LABEL = "top_label",
            TOP_PROBABILITY = "top_probability", PROBABILITIES = "probabilities", EMBEDDING = "embedding", ERROR = "error";

    /** The schema of the output table. */
    public static final StructType SCHEMA = DataTypes.createStructType(new StructField[]{
            DataTypes.createStructField(PATH, DataTypes.StringType, false),
            DataTypes.createStructField(TOP_CLASS, DataTypes.IntegerType, true),
            DataTypes.createStructField(TOP_LABEL, DataTypes.StringType, true),
            DataTypes.createStructField(TOP_PROBABILITY, DataTypes.FloatType, true),
            DataTypes.createStructField(PROBABILITIES, DataTypes.createArrayType(DataTypes.FloatType, false), true),
            DataTypes.createStructField(EMBEDDING, DataTypes.createArrayType(DataTypes.FloatType, false), true),
            DataTypes.createStructField(ERROR, DataTypes.StringType, true),
    });

    private ResultSchema() {}

    /**
     * A row for an image the model ran on.
     *
     * @param path          the image's path
     * @param probabilities the model's output for it
     * @param labels        class names (may be empty: then {@code top_label} is null); for a single output value (a sigmoid
     *                      unit) two names, class 0 first, and {@code top_class} is 1 when the value is at least 0.5
     * @param embedding     the pooled activations, or null
     * @return the row
     */
    public static Row prediction(String path, float[] probabilities, List<String> labels, float[] embedding) {
        if (probabilities.length == 1) {
            // one sigmoid unit: a binary classifier, the unit is the probability of class 1
            float p = probabilities[0];
            int top = p >= 0.5f ? 1 : 0;
            String label = top < labels.size() ? labels.get(top) : null;
            return RowFactory.create(path, top, label, top == 1 ? p : 1 - p, boxed(probabilities), embedding == null ? null : boxed(embedding), null);
        }
        int top = 0;
        for (int i = 1; i < probabilities.length; i++) if (probabilities[i] > probabilities[top]) top = i;
        String label = top < labels.size() ? labels.get(top) : null;
        return RowFactory.create(path, top, label, probabilities[top], boxed(probabilities), embedding == null ? null : boxed(embedding), null);
    }

    /**
     * A row for an image that could not be read or run.
     *
     * @param path    the image's path
     * @param message what went wrong
     * @return the row
     */
    public static Row error(String path, String message) {
        return RowFactory.create(path, null, null, null, null, null, message);
    }

    private static Float[] boxed(float[] v) {
        Float[] b = new Float[v.length];
        for (int i = 0; i < v.length; i++) b[i] = v[i];
        return b;
    }
}
